package dev.alphabets.consumer.receiving;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.alphabets.consumer.ConsumerIntegrationTestSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchAcknowledgingConsumerAwareMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The letters' topic is the producer's: a consumer that starts first neither creates it
 * nor fails, and reads it once it exists.
 */
class MissingTopicTests extends ConsumerIntegrationTestSupport {

	private static final String LATER = "alphabets-later";

	@Autowired
	private ConcurrentKafkaListenerContainerFactory<Object, Object> factory;

	@Autowired
	private LetterListener listener;

	@Test
	void aConsumerStartedBeforeItsTopicExistsDoesNotCreateItAndReadsItOnceCreated() throws Exception {
		ConcurrentMessageListenerContainer<Object, Object> container = this.factory.createContainer(LATER);
		container.getContainerProperties().setGroupId("later-group");
		container.setBeanName("later");
		container.setupMessageListener((BatchAcknowledgingConsumerAwareMessageListener<byte[], byte[]>) (records,
				acknowledgment, consumer) -> this.listener.receive(records, acknowledgment, consumer));
		container.start();
		try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			// Long enough for the consumer to have asked for the topic's metadata.
			await().pollDelay(Duration.ofSeconds(3)).atMost(TIMEOUT).until(container::isRunning);
			assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain(LATER);
			admin.createTopics(List.of(new NewTopic(LATER, 1, (short) 1))).all().get(10, TimeUnit.SECONDS);
			String sequenceId = newSequenceId();
			String messageId = messageId(sequenceId, 0);
			send(LATER, sequenceId, letterJson(messageId, sequenceId, 0), messageId);
			await().atMost(TIMEOUT).until(() -> storedRows(sequenceId) == 1);
			assertThat(container.isRunning()).isTrue();
		}
		finally {
			container.stop();
		}
	}

}
