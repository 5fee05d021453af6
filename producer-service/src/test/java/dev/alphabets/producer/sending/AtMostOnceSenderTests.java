package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import dev.alphabets.producer.TestApplications;
import dev.alphabets.producer.TopicRecords;
import dev.alphabets.producer.failures.FailedMessageQuery;
import dev.alphabets.producer.failures.FailedMessageRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code alphabet.delivery=at-most-once}: the stored position is ahead of every letter
 * sent, so a restart never sends one again; a failed letter is counted, never stored.
 */
@EmbeddedKafka(topics = "at-most-once-letters")
class AtMostOnceSenderTests {

	@Test
	void positionShouldMoveBeforeTheSendAndARestartShouldNeverSendALetterAgain() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String database = "at-most-once-" + UUID.randomUUID();
		String[] settings = { "alphabet.delivery=at-most-once", "alphabet.topic=at-most-once-letters",
				"alphabet.sender.interval=20ms" };
		try (ConfigurableApplicationContext first = TestApplications.start(broker.getBrokersAsString(), database,
				settings)) {
			Map<String, Object> client = first.getBean(ProducerFactory.class).getConfigurationProperties();
			assertThat(client).containsEntry(ProducerConfig.ACKS_CONFIG, "1")
				.containsEntry(ProducerConfig.RETRIES_CONFIG, 0)
				.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
			SenderControl sender = first.getBean(SenderControl.class);
			assertThat(sender).isInstanceOf(AtMostOnceSender.class);
			SenderProgressRepository progress = first.getBean(SenderProgressRepository.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> sender.status().nextIndex() >= 5);
			for (int i = 0; i < 5; i++) {
				SenderStatus sent = sender.status();
				Position stored = progress.find("alphabet-sender").orElseThrow();
				// One letter per block at a non-zero interval: the stored position is the
				// letter after the last one sent, or after the one being sent, never
				// behind.
				assertThat(isAtOrJustAfter(stored, new Position(sent.sequenceId(), sent.nextIndex())))
					.as("stored %s, sent up to %s", stored, sent)
					.isTrue();
			}
		}
		List<String> before = messageIds(broker, 5);
		try (ConfigurableApplicationContext second = TestApplications.start(broker.getBrokersAsString(), database,
				settings)) {
			int expected = before.size() + 5;
			await().atMost(Duration.ofSeconds(30)).until(() -> messageIds(broker, expected).size() >= expected);
		}
		List<String> all = messageIds(broker, Integer.MAX_VALUE);
		Set<String> unique = new HashSet<>(all);
		assertThat(all).hasSize(unique.size()).containsAll(before);
	}

	@Test
	void aFailedLetterShouldBeLoggedAndCountedButNeverStoredOrSentAgain() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		try (ConfigurableApplicationContext app = TestApplications.start(broker.getBrokersAsString(),
				"at-most-once-failed-" + UUID.randomUUID(), "alphabet.delivery=at-most-once",
				"alphabet.topic=at-most-once-letters", "alphabet.sender.interval=20ms",
				"spring.kafka.producer.properties[max.request.size]=100")) {
			MeterRegistry meters = app.getBean(MeterRegistry.class);
			SenderControl sender = app.getBean(SenderControl.class);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> meters.counter("alphabet.messages.dropped").count() >= 5);
			assertThat(sender.status().state()).isEqualTo(SenderStatus.State.RUNNING);
			assertThat(sender.status().nextIndex()).isGreaterThanOrEqualTo(5);
			assertThat(app.getBean(FailedMessageRepository.class)
				.search(new FailedMessageQuery(null, null, null, null, 10))).isEmpty();
		}
	}

	/** Whether {@code ahead} is {@code from} or at most two letters after it. */
	private static boolean isAtOrJustAfter(Position ahead, Position from) {
		return ahead.equals(from) || ahead.equals(from.next()) || ahead.equals(from.next().next());
	}

	private static List<String> messageIds(EmbeddedKafkaBroker broker, int atLeast) {
		return TopicRecords.read(broker.getBrokersAsString(), "at-most-once-letters", atLeast, Duration.ofSeconds(3))
			.stream()
			.map((ConsumerRecord<String, String> record) -> TopicRecords.header(record, "message-id"))
			.toList();
	}

}
