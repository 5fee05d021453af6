package dev.alphabets.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.alphabets.testsupport.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the benchmarks need of a whole topic, read by {@link TopicRecords}: each record's
 * append time, id and letter, and the sizes of the first.
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
		List<Appended> records = new ArrayList<>();
		Set<TimestampType> types = EnumSet.noneOf(TimestampType.class);
		for (ConsumerRecord<byte[], byte[]> record : TopicRecords.readAll(bootstrapServers,
				TopicRecords.partitions(topic, Broker.PARTITIONS), IsolationLevel.READ_UNCOMMITTED,
				Duration.ofSeconds(120))) {
			types.add(record.timestampType());
			records.add(new Appended(record.timestamp(), TopicRecords.header(record, WireLetters.MESSAGE_ID_HEADER),
					record.partition(), record.offset(),
					(record.key() != null) ? new String(record.key(), StandardCharsets.UTF_8) : null,
					CommitWatcher.index(record.value())));
		}
		if (!types.equals(EnumSet.of(TimestampType.LOG_APPEND_TIME))) {
			throw new IllegalStateException(topic + " has " + types + " timestamps, not only LogAppendTime");
		}
		return records;
	}

	/**
	 * The sizes of a topic's first record, to show that the senders compared send alike.
	 * @param client the broker's bootstrap server and any security settings
	 * @param topic the topic
	 * @return for example {@code "key 36 B, value 228 B, headers message-id (36 B)"}
	 */
	static String sizes(Map<String, Object> client, String topic) {
		List<TopicPartition> partitions = TopicRecords.partitions(topic, Broker.PARTITIONS);
		Map<String, Object> config = new HashMap<>(client);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
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

}
