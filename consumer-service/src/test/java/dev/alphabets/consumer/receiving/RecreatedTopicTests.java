package dev.alphabets.consumer.receiving;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import dev.alphabets.consumer.ConsumerIntegrationTestSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchAcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In exactly-once the database keeps each partition's position. When the topic is deleted
 * and created again under the same name (or the cluster is rebuilt empty while the
 * database is kept), the new topic starts again at offset 0: its records must be applied,
 * not skipped as if the old topic's position covered them.
 */
class RecreatedTopicTests extends ConsumerIntegrationTestSupport {

	@Autowired
	private ConcurrentKafkaListenerContainerFactory<Object, Object> factory;

	@Autowired
	private LetterListener listener;

	@Test
	void aTopicCreatedAgainWhileTheConsumerWasStoppedIsReadFromItsStart() throws Exception {
		recreateAndRead("alphabets-recreated-stopped", true);
	}

	@Test
	void aTopicCreatedAgainUnderARunningConsumerIsReadFromItsStart() throws Exception {
		// The running consumer keeps its position (5), past the new topic's end (3):
		// Kafka
		// resets it to the new topic's start, below the position the database holds.
		recreateAndRead("alphabets-recreated-running", false);
	}

	private void recreateAndRead(String topic, boolean stopWhileRecreated) throws Exception {
		try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
			Uuid first = awaitTopicId(admin, topic);
			String before = newSequenceId();
			ConcurrentMessageListenerContainer<Object, Object> container = container(topic);
			container.start();
			try {
				sendLetters(topic, before, 5);
				await("the first topic's letters applied").atMost(TIMEOUT)
					.until(() -> storedRows(before) == 5 && storedPosition(topic) == 5);
				if (stopWhileRecreated) {
					container.stop();
				}
				admin.deleteTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
				await("the topic deleted").atMost(TIMEOUT)
					.until(() -> !admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic));
				await("the topic created again").atMost(TIMEOUT).ignoreExceptions().until(() -> {
					admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
					return true;
				});
				assertThat(awaitTopicId(admin, topic)).isNotEqualTo(first);
				double duplicates = count("alphabet.messages.duplicates");
				String after = newSequenceId();
				sendLetters(topic, after, 3);
				if (stopWhileRecreated) {
					container = container(topic);
					container.start();
				}
				await("the new topic's letters applied").atMost(TIMEOUT)
					.until(() -> storedRows(after) == 3 && storedPosition(topic) == 3);
				assertThat(count("alphabet.messages.duplicates") - duplicates).isZero();
			}
			finally {
				container.stop();
			}
			assertThat(storedRows(before)).isEqualTo(5);
		}
	}

	private ConcurrentMessageListenerContainer<Object, Object> container(String topic) {
		ConcurrentMessageListenerContainer<Object, Object> container = this.factory.createContainer(topic);
		container.getContainerProperties().setGroupId(topic + "-group");
		container.setBeanName(topic);
		container.setupMessageListener((BatchAcknowledgingConsumerAwareMessageListener<byte[], byte[]>) (records,
				acknowledgment, consumer) -> this.listener.receive(records, acknowledgment, consumer));
		return container;
	}

	private void sendLetters(String topic, String sequenceId, int count) throws Exception {
		for (int index = 0; index < count; index++) {
			String messageId = messageId(sequenceId, index);
			send(topic, sequenceId, letterJson(messageId, sequenceId, index), messageId);
		}
	}

	private long storedPosition(String topic) {
		return this.jdbc.sql(
				"SELECT next_offset FROM consumer_offsets WHERE consumer_group = ? AND topic = ? AND kafka_partition = 0")
			.params(topic + "-group", topic)
			.query(Long.class)
			.optional()
			.orElse(-1L);
	}

	/** The topic's id, once every broker knows the topic. */
	private static Uuid awaitTopicId(AdminClient admin, String topic) {
		return await("the topic known").atMost(TIMEOUT)
			.ignoreExceptions()
			.until(() -> topicId(admin, topic), Objects::nonNull);
	}

	private static Uuid topicId(AdminClient admin, String topic) throws Exception {
		return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).topicId();
	}

}
