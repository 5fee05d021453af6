package dev.alphabets.consumer.receiving;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.alphabets.consumer.ConsumerIntegrationTestSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchAcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The positions stored with the letters, not Kafka's committed offsets, decide where a
 * consumer starts after an assignment.
 */
class PositionTests extends ConsumerIntegrationTestSupport {

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private ConcurrentKafkaListenerContainerFactory<Object, Object> factory;

	@Autowired
	private LetterListener listener;

	@Test
	void onAssignmentTheConsumerSeeksToTheStoredPositionWhenKafkasOffsetsAreBehind() throws Exception {
		String sequenceId = newSequenceId();
		RecordMetadata last = null;
		for (int index = 0; index < 5; index++) {
			last = sendLetter(sequenceId, index);
		}
		awaitAcknowledged(last);
		double duplicates = count("alphabet.messages.duplicates");
		double alreadyApplied = count("alphabet.messages.already.applied");
		MessageListenerContainer container = this.registry.getListenerContainer("alphabets");
		container.stop();
		// Kafka forgets everything: the group's offsets go back to the start.
		try (AdminClient admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
			for (int partition = 0; partition < 3; partition++) {
				start.put(new TopicPartition(TOPIC, partition), new OffsetAndMetadata(0));
			}
			admin.alterConsumerGroupOffsets(GROUP, start).all().get(10, TimeUnit.SECONDS);
		}
		assertThat(committedOffset(last.partition())).isZero();
		container.start();
		RecordMetadata next = sendLetter(sequenceId, 5);
		awaitAcknowledged(next);
		assertThat(storedRows(sequenceId)).isEqualTo(6);
		assertThat(count("alphabet.messages.duplicates") - duplicates).isZero();
		assertThat(count("alphabet.messages.already.applied") - alreadyApplied).isZero();
	}

	@Test
	void withoutAStoredPositionTheConsumerStartsFromKafkasCommittedOffset() throws Exception {
		String sequenceId = newSequenceId();
		RecordMetadata first = sendLetter(sequenceId, 0);
		awaitAcknowledged(first);
		double duplicates = count("alphabet.messages.duplicates");
		MessageListenerContainer container = this.registry.getListenerContainer("alphabets");
		container.stop();
		this.jdbc.sql("DELETE FROM consumer_offsets").update();
		container.start();
		RecordMetadata second = sendLetter(sequenceId, 1);
		awaitAcknowledged(second);
		assertThat(storedRows(sequenceId)).isEqualTo(2);
		assertThat(count("alphabet.messages.duplicates") - duplicates).isZero();
		Long stored = this.jdbc.sql(
				"SELECT next_offset FROM consumer_offsets WHERE consumer_group = ? AND topic = ? AND kafka_partition = ?")
			.params(GROUP, TOPIC, second.partition())
			.query(Long.class)
			.single();
		assertThat(stored).isEqualTo(second.offset() + 1);
	}

	@Test
	void aSecondConsumerJoiningAndLeavingAppliesEveryLetterOnceWithNoDuplicate() throws Exception {
		double duplicates = count("alphabet.messages.duplicates");
		ConcurrentMessageListenerContainer<Object, Object> second = this.factory.createContainer(TOPIC);
		second.getContainerProperties().setGroupId(GROUP);
		second.setConcurrency(3);
		second.setBeanName("second-instance");
		// The range assignor hands partitions out in member id order, and member ids
		// start
		// with the client id: this one sorts first, so the second instance takes the
		// partitions from the first.
		second.getContainerProperties().setClientId("a-second-instance");
		second.setupMessageListener((BatchAcknowledgingConsumerAwareMessageListener<byte[], byte[]>) (records,
				acknowledgment, consumer) -> this.listener.receive(records, acknowledgment, consumer));
		List<String> sequences = new ArrayList<>();
		List<RecordMetadata> sent = new ArrayList<>();
		second.start();
		try {
			await().atMost(TIMEOUT).until(() -> !second.getAssignedPartitions().isEmpty());
			for (int round = 0; round < 6; round++) {
				String sequenceId = newSequenceId();
				sequences.add(sequenceId);
				for (int index = 0; index < 5; index++) {
					sent.add(sendLetter(sequenceId, index));
				}
			}
		}
		finally {
			second.stop();
		}
		for (int round = 0; round < 6; round++) {
			sent.add(sendLetter(sequences.get(round), 5));
		}
		for (RecordMetadata metadata : sent) {
			awaitAcknowledged(metadata);
		}
		for (String sequenceId : sequences) {
			assertThat(storedRows(sequenceId)).isEqualTo(6);
		}
		assertThat(count("alphabet.messages.duplicates") - duplicates).isZero();
	}

	private AdminClient admin() {
		return AdminClient.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()));
	}

}
