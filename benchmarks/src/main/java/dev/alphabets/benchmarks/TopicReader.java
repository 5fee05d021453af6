package dev.alphabets.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything a topic holds, read from the beginning with a plain consumer in no group:
 * the truth to hold a sender's acknowledgements against.
 */
final class TopicReader {

	/**
	 * One record of the topic.
	 *
	 * @param timestamp its timestamp in epoch milliseconds (the append time on a
	 * LogAppendTime topic)
	 * @param messageId its {@code message-id} header, or null
	 * @param partition its partition
	 * @param offset its offset
	 */
	record Appended(long timestamp, String messageId, int partition, long offset) {
	}

	private TopicReader() {
	}

	/**
	 * Reads every record of a topic with {@code message.timestamp.type=LogAppendTime}.
	 */
	static List<Appended> readAll(String bootstrapServers, String topic) {
		List<TopicPartition> partitions = IntStream.range(0, Broker.PARTITIONS)
			.mapToObj((partition) -> new TopicPartition(topic, partition))
			.toList();
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
		List<Appended> records = new ArrayList<>();
		Set<TimestampType> types = EnumSet.noneOf(TimestampType.class);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			Poll.until("all of " + topic, Duration.ofSeconds(120), Duration.ofMillis(1), () -> {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					types.add(record.timestampType());
					records
						.add(new Appended(record.timestamp(), messageId(record), record.partition(), record.offset()));
				}
				return partitions.stream().allMatch((partition) -> consumer.position(partition) >= end.get(partition));
			});
		}
		if (!types.equals(EnumSet.of(TimestampType.LOG_APPEND_TIME))) {
			throw new IllegalStateException(topic + " has " + types + " timestamps, not only LogAppendTime");
		}
		return records;
	}

	private static String messageId(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader(WireLetters.MESSAGE_ID_HEADER);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
