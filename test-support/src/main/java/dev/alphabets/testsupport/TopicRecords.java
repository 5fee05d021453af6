package dev.alphabets.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import static org.awaitility.Awaitility.await;

/**
 * Everything a topic holds, read from the beginning with a plain consumer that belongs to
 * no group: the truth to hold the services' own records against.
 */
public final class TopicRecords {

	private TopicRecords() {
	}

	/**
	 * Reads every record of a topic, aborted transactions included.
	 * @param admin a client of the cluster, to learn the partitions
	 * @param bootstrapServers the cluster
	 * @param topic the topic
	 * @return the records, partition by partition
	 */
	public static List<ConsumerRecord<byte[], byte[]>> readAll(Admin admin, String bootstrapServers, String topic)
			throws Exception {
		return readAll(bootstrapServers, partitions(admin, topic), IsolationLevel.READ_UNCOMMITTED,
				Duration.ofSeconds(60));
	}

	/**
	 * Reads every record of the partitions up to their end when the read starts.
	 * @param bootstrapServers the cluster
	 * @param partitions the partitions
	 * @param isolation {@code READ_COMMITTED} to see what a transactional reader sees:
	 * committed records up to the last stable offset
	 * @param timeout the longest the read may go without getting a record
	 * @return the records, partition by partition
	 */
	public static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrapServers, List<TopicPartition> partitions,
			IsolationLevel isolation, Duration timeout) {
		return readAll(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), partitions, isolation,
				timeout);
	}

	/**
	 * Reads every record of the partitions up to their end when the read starts.
	 * @param client the cluster's bootstrap servers and any security settings
	 * @param partitions the partitions
	 * @param isolation {@code READ_COMMITTED} to see what a transactional reader sees:
	 * committed records up to the last stable offset
	 * @param timeout the longest the read may go without getting a record
	 * @return the records, partition by partition
	 */
	public static List<ConsumerRecord<byte[], byte[]>> readAll(Map<String, Object> client,
			List<TopicPartition> partitions, IsolationLevel isolation, Duration timeout) {
		Map<String, Object> config = readerConfig(client, 5000, isolation);
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		String topics = String.join(",", partitions.stream().map(TopicPartition::topic).distinct().toList());
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			// A topic of millions of records takes minutes: the timeout bounds a stall.
			boolean[] atEnd = { false };
			while (!atEnd[0]) {
				int before = records.size();
				await("all of " + topics + " (" + before + " records read)").atMost(timeout)
					.pollDelay(Duration.ZERO)
					.pollInterval(Duration.ofMillis(1))
					.until(() -> {
						consumer.poll(Duration.ofMillis(200)).forEach(records::add);
						atEnd[0] = partitions.stream()
							.allMatch((partition) -> consumer.position(partition) >= end.get(partition));
						return atEnd[0] || records.size() > before;
					});
			}
		}
		return records;
	}

	/**
	 * Whether a reader in the given isolation would get no record between each
	 * partition's offset and its end: what is left is control records (transaction
	 * markers) or, for {@code READ_COMMITTED}, aborted records. A consumer commits the
	 * offset after the last record it was given, so on a transactional topic its
	 * committed offset stays below the end by at least the last commit marker.
	 * @param bootstrapServers the cluster
	 * @param from the offset to read from, per partition
	 * @param isolation the reader's isolation level
	 * @param timeout the longest the read may take
	 * @return true if no record is there to be read
	 */
	public static boolean nothingToReadFrom(String bootstrapServers, Map<TopicPartition, Long> from,
			IsolationLevel isolation, Duration timeout) {
		return nothingToReadFrom(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), from, isolation,
				timeout);
	}

	/**
	 * Whether a reader in the given isolation would get no record between each
	 * partition's offset and its end (see
	 * {@link #nothingToReadFrom(String, Map, IsolationLevel, Duration)}).
	 * @param client the cluster's bootstrap servers and any security settings
	 * @param from the offset to read from, per partition
	 * @param isolation the reader's isolation level
	 * @param timeout the longest the read may take
	 * @return true if no record is there to be read
	 */
	public static boolean nothingToReadFrom(Map<String, Object> client, Map<TopicPartition, Long> from,
			IsolationLevel isolation, Duration timeout) {
		if (from.isEmpty()) {
			return true;
		}
		Map<String, Object> config = readerConfig(client, 1, isolation);
		List<TopicPartition> partitions = List.copyOf(from.keySet());
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(partitions);
			from.forEach(consumer::seek);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			boolean[] empty = { true };
			await("what is left of " + partitions).atMost(timeout).until(() -> {
				if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
					empty[0] = false;
					return true;
				}
				return partitions.stream().allMatch((partition) -> consumer.position(partition) >= end.get(partition));
			});
			return empty[0];
		}
	}

	private static Map<String, Object> readerConfig(Map<String, Object> client, int maxPollRecords,
			IsolationLevel isolation) {
		Map<String, Object> config = new HashMap<>(client);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString().toLowerCase(Locale.ROOT));
		return config;
	}

	/**
	 * The partitions of a topic.
	 * @param admin a client of the cluster
	 * @param topic the topic
	 * @return partitions 0 to n-1
	 */
	public static List<TopicPartition> partitions(Admin admin, String topic) throws Exception {
		int count = admin.describeTopics(Set.of(topic))
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.get(topic)
			.partitions()
			.size();
		return partitions(topic, count);
	}

	/**
	 * Partitions 0 to count-1 of a topic.
	 * @param topic the topic
	 * @param count how many it has
	 * @return the partitions
	 */
	public static List<TopicPartition> partitions(String topic, int count) {
		return IntStream.range(0, count).mapToObj((partition) -> new TopicPartition(topic, partition)).toList();
	}

	/**
	 * One header as text.
	 * @param record the record
	 * @param name the header
	 * @return its last value, or null
	 */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
