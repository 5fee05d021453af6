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
	 * @param key its key (the service's sequence id), or null
	 * @param index its value's letter index, or -1
	 */
	record Appended(long timestamp, String messageId, int partition, long offset, String key, int index) {
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
					records.add(new Appended(record.timestamp(), messageId(record), record.partition(), record.offset(),
							(record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null,
							CommitWatcher.index(record.value())));
				}
				return partitions.stream().allMatch((partition) -> consumer.position(partition) >= end.get(partition));
			});
		}
		if (!types.equals(EnumSet.of(TimestampType.LOG_APPEND_TIME))) {
			throw new IllegalStateException(topic + " has " + types + " timestamps, not only LogAppendTime");
		}
		return records;
	}

	/**
	 * The sizes of a topic's first record, to show that the senders compared send alike.
	 * @return for example {@code "key 36 B, value 228 B, headers message-id (36 B)"}
	 */
	static String sizes(String bootstrapServers, String topic) {
		List<TopicPartition> partitions = IntStream.range(0, Broker.PARTITIONS)
			.mapToObj((partition) -> new TopicPartition(topic, partition))
			.toList();
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			List<ConsumerRecord<byte[], byte[]>> first = new ArrayList<>();
			Poll.until("a record of " + topic, Duration.ofSeconds(30), Duration.ofMillis(1), () -> {
				consumer.poll(Duration.ofMillis(200)).forEach(first::add);
				return !first.isEmpty();
			});
			ConsumerRecord<byte[], byte[]> record = first.get(0);
			List<String> headers = new ArrayList<>();
			record.headers().forEach((header) -> headers.add(header.key() + " (" + header.value().length + " B)"));
			return "key " + ((record.key() != null) ? record.key().length + " B" : "none") + ", value "
					+ record.value().length + " B, headers "
					+ (headers.isEmpty() ? "none" : String.join(", ", headers));
		}
	}

	private static String messageId(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader(WireLetters.MESSAGE_ID_HEADER);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
