package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exactly-once sender's position in a compacted topic, keyed by sender id, as Kafka
 * Connect's exactly-once source connectors keep their offsets: written in the transaction
 * of the letters, read back with {@code read_committed}, so the position a restart reads
 * is always the one that belongs to the committed letters.
 */
final class PositionTopic {

	private final Map<String, Object> consumerConfig;

	private final String topic;

	private final Duration timeout;

	private final JsonMapper json = JsonMapper.builder().build();

	PositionTopic(Map<String, Object> consumerProperties, String topic, Duration timeout) {
		Map<String, Object> config = new HashMap<>(consumerProperties);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
		this.consumerConfig = config;
		this.topic = topic;
		this.timeout = timeout;
	}

	String topic() {
		return this.topic;
	}

	/** The record value for a position. */
	static Map<String, Object> value(Position position) {
		return Map.of("sequenceId", position.sequenceId(), "nextIndex", position.nextIndex());
	}

	/**
	 * Reads the last committed position of a sender. Throws if the topic cannot be read
	 * to its end within the timeout (broker down); an open transaction of a fenced
	 * producer holds the end back until it is aborted, so fence first.
	 * @param senderId the key
	 * @return the position, empty if this sender never committed one
	 */
	Optional<Position> read(String senderId) {
		TopicPartition partition = new TopicPartition(this.topic, 0);
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(this.consumerConfig, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			long end = consumer.endOffsets(List.of(partition), this.timeout).get(partition);
			String last = null;
			long deadline = System.nanoTime() + this.timeout.toNanos();
			while (consumer.position(partition, this.timeout) < end) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException(
							"Could not read " + this.topic + " to offset " + end + " within " + this.timeout);
				}
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (senderId.equals(record.key())) {
						last = record.value();
					}
				}
			}
			if (last == null) {
				return Optional.empty();
			}
			JsonNode node = this.json.readTree(last);
			return Optional.of(new Position(node.get("sequenceId").asString(), node.get("nextIndex").asInt()));
		}
	}

}
