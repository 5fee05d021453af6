package dev.alphabets.consumer.receiving;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.stereotype.Component;

/**
 * How old the oldest letter not yet applied is, per partition this instance reads:
 * {@code alphabet_consumer_oldest_unapplied_age_seconds{topic,partition}}, now minus a
 * record timestamp (the producer's create time).
 * <ul>
 * <li>While a poll is being stored (or retried after a database error): the timestamp of
 * its first record of the partition.</li>
 * <li>After a poll is stored, if the partition still has records behind the high
 * watermark ({@code Consumer.currentLag}): the timestamp of the last letter applied; the
 * next record is younger, so this is an upper bound.</li>
 * <li>0 when everything up to the high watermark is applied, and for a partition this
 * instance no longer reads.</li>
 * </ul>
 * How many records are behind is the Kafka client's own
 * {@code kafka_consumer_fetch_manager_records_lag{topic,partition}}.
 */
@Component
class ApplyLag {

	private static final long NONE = -1;

	private final Map<TopicPartition, Oldest> partitions = new ConcurrentHashMap<>();

	private final MeterRegistry meters;

	ApplyLag(MeterRegistry meters) {
		this.meters = meters;
	}

	/** A poll arrived: its records are unapplied until it is stored. */
	void received(List<ConsumerRecord<byte[], byte[]>> records) {
		for (ConsumerRecord<byte[], byte[]> record : records) {
			Oldest oldest = oldest(new TopicPartition(record.topic(), record.partition()));
			if (oldest.since == NONE || record.timestamp() < oldest.since) {
				oldest.since = record.timestamp();
			}
		}
	}

	/** A poll is stored: what is left is behind the high watermark, if anything. */
	void applied(List<ConsumerRecord<byte[], byte[]>> records, Consumer<?, ?> consumer) {
		Map<TopicPartition, Long> lastApplied = new HashMap<>();
		for (ConsumerRecord<byte[], byte[]> record : records) {
			lastApplied.put(new TopicPartition(record.topic(), record.partition()), record.timestamp());
		}
		lastApplied.forEach((partition, timestamp) -> {
			OptionalLong lag = consumer.currentLag(partition);
			oldest(partition).since = (lag.isPresent() && lag.getAsLong() > 0) ? timestamp : NONE;
		});
	}

	/** Partitions another instance reads now. */
	void revoked(Collection<TopicPartition> revoked) {
		revoked.forEach((partition) -> oldest(partition).since = NONE);
	}

	private Oldest oldest(TopicPartition partition) {
		return this.partitions.computeIfAbsent(partition, (key) -> {
			Oldest oldest = new Oldest();
			Gauge.builder("alphabet.consumer.oldest.unapplied.age", oldest, Oldest::ageSeconds)
				.description("Age of the oldest letter of the partition not yet applied (0: up to date)")
				.baseUnit("seconds")
				.tag("topic", key.topic())
				.tag("partition", String.valueOf(key.partition()))
				.register(this.meters);
			return oldest;
		});
	}

	private static final class Oldest {

		private volatile long since = NONE;

		double ageSeconds() {
			long since = this.since;
			return (since == NONE) ? 0 : Math.max(0, System.currentTimeMillis() - since) / 1000.0;
		}

	}

}
