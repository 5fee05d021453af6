package dev.alphabets.producer.sending;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads what the partitions really hold at their end: the message ids of the last records
 * of every partition of the topic, with where each is stored. Used after a failed send to
 * tell the letters written from those that were not.
 */
final class PartitionTails {

	private final Map<String, Object> config;

	private final String topic;

	private final int lookBack;

	private final Duration timeout;

	/**
	 * @param clientConfig the client's connection settings (bootstrap servers, security)
	 * @param topic the topic
	 * @param lookBack how many records to read back from the end of each partition
	 * @param timeout the longest a read may take
	 */
	PartitionTails(Map<String, Object> clientConfig, String topic, int lookBack, Duration timeout) {
		this.config = new HashMap<>(clientConfig);
		this.config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		this.config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		this.config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		this.config.put(ConsumerConfig.CLIENT_ID_CONFIG, "alphabet-sender-tail");
		this.config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
		this.topic = topic;
		this.lookBack = lookBack;
		this.timeout = timeout;
	}

	/**
	 * Reads the tail of every partition.
	 * @return the message ids found, with where each is stored (the last copy)
	 * @throws TimeoutException if the cluster did not answer in time
	 */
	Map<String, Delivery> read() {
		Map<String, Delivery> found = new HashMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(this.topic, this.timeout)
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, this.timeout);
			Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, this.timeout);
			for (TopicPartition partition : partitions) {
				consumer.seek(partition, Math.max(beginnings.get(partition), ends.get(partition) - this.lookBack));
			}
			long deadline = System.nanoTime() + this.timeout.toNanos();
			while (!reachedEnd(consumer, partitions, ends)) {
				if (System.nanoTime() > deadline) {
					throw new TimeoutException("Could not read the end of " + this.topic + " within " + this.timeout);
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					Header id = record.headers().lastHeader(LetterPublisher.MESSAGE_ID_HEADER);
					if (id != null) {
						found.put(new String(id.value(), StandardCharsets.UTF_8),
								new Delivery(record.topic(), record.partition(), record.offset()));
					}
				}
			}
		}
		return found;
	}

	private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions,
			Map<TopicPartition, Long> ends) {
		return partitions.stream().allMatch((partition) -> consumer.position(partition) >= ends.get(partition));
	}

}
