package dev.alphabets.consumer.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.alphabets.consumer.ConsumerIntegrationTestSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer fenced as a static member (another join with its {@code group.instance.id})
 * is stopped by Spring Kafka for good; its listener is started again, takes its
 * partitions back with the same id, and goes on applying letters, none of them twice.
 */
@TestPropertySource(properties = "alphabet.instance-id=fenced-test")
class FencedConsumerRestartTests extends ConsumerIntegrationTestSupport {

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Test
	void aConsumerFencedByAnotherJoinWithItsInstanceIdShouldBeStartedAgainAndGoOnApplying() throws Exception {
		String sequenceId = newSequenceId();
		awaitAcknowledged(sendLetter(sequenceId, 0));
		double duplicates = count("alphabet.messages.duplicates");
		double fenced = count("alphabet.consumer.fenced");
		// Spring Kafka names each of the container's consumers <instance-id>-<n>.
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
				ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "fenced-test-0",
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<byte[], byte[]> impostor = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			impostor.subscribe(List.of(TOPIC));
			// The impostor's join fences the service's consumer, whose restart a second
			// later fences the impostor in turn: its polls then fail, which is expected.
			await("the service's consumer fenced by the impostor's join").atMost(TIMEOUT).until(() -> {
				try {
					impostor.poll(Duration.ofMillis(200));
				}
				catch (FencedInstanceIdException ex) {
					// the service's consumer took its instance id back
				}
				return count("alphabet.consumer.fenced") > fenced;
			});
		}
		ConcurrentMessageListenerContainer<?, ?> container = (ConcurrentMessageListenerContainer<?, ?>) this.registry
			.getListenerContainer("alphabets");
		await("every consumer of the listener running again").atMost(TIMEOUT)
			.until(() -> container.isRunning() && container.isChildRunning()
					&& container.getContainers().stream().allMatch((child) -> child.isRunning()));
		RecordMetadata next = null;
		for (int index = 1; index <= 3; index++) {
			next = sendLetter(sequenceId, index);
		}
		awaitAcknowledged(next);
		assertThat(storedRows(sequenceId)).isEqualTo(4);
		assertThat(count("alphabet.messages.duplicates") - duplicates).isZero();
	}

}
