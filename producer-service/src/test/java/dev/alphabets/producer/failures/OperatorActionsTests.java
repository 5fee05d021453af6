package dev.alphabets.producer.failures;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.alphabets.producer.HttpTestClient;
import dev.alphabets.producer.TestApplications;
import dev.alphabets.producer.TopicRecords;
import dev.alphabets.producer.sending.AlphabetSender;
import dev.alphabets.producer.sending.Letter;
import dev.alphabets.producer.sending.SenderStatus;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A discard of the letter the sender stopped at moves the stored position past it in the
 * same transaction: a database error rolls both back, and a restart right after carries
 * on past it without ever sending it.
 */
@EmbeddedKafka
class OperatorActionsTests {

	private static final String OPERATOR = "operator:s3cret";

	@Test
	void restartRightAfterADiscardShouldCarryOnPastTheDiscardedLetterWithoutSendingIt() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String database = "discard-restart-" + UUID.randomUUID();
		String topic = "discard-" + UUID.randomUUID();
		FailedMessage discarded;
		try (ConfigurableApplicationContext first = start(broker, database, topic, true)) {
			FailedMessage failed = awaitFailed(first, 0);
			HttpTestClient.Response response = http(first).delete("/api/failed-messages/" + failed.id(), OPERATOR);
			assertThat(response.status()).isEqualTo(200);
			discarded = failed;
			// The sender moved on and stopped again at the next letter, which is too
			// large as well; the process ends here (as a kill would, after the commit).
			awaitFailed(first, 1);
		}
		try (ConfigurableApplicationContext second = start(broker, database, topic, false)) {
			List<String> ids = await().atMost(Duration.ofSeconds(60))
				.until(() -> messageIds(broker, topic, discarded.sequenceId()), (found) -> found.size() >= 25);
			assertThat(ids).first().isEqualTo(Letter.messageId(discarded.sequenceId(), 1));
			assertThat(ids).doesNotContain(discarded.messageId());
			FailedMessageRepository store = second.getBean(FailedMessageRepository.class);
			assertThat(store.findById(discarded.id()).orElseThrow().status()).isEqualTo(FailedMessageStatus.DISCARDED);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> store.findByMessageId(Letter.messageId(discarded.sequenceId(), 1)).orElseThrow().status(),
						(status) -> status == FailedMessageStatus.DELIVERED);
		}
	}

	@Test
	void databaseErrorDuringADiscardShouldLeaveTheEntryAndTheSenderAsTheyWereAndARetrySucceeds() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String database = "discard-db-error-" + UUID.randomUUID();
		try (ConfigurableApplicationContext app = start(broker, database, "db-error-" + UUID.randomUUID(), true)) {
			FailedMessage failed = awaitFailed(app, 0);
			JdbcClient jdbc = app.getBean(JdbcClient.class);
			AlphabetSender sender = app.getBean(AlphabetSender.class);
			jdbc.sql("ALTER TABLE sender_progress RENAME TO sender_progress_away").update();
			HttpTestClient.Response broken = http(app).delete("/api/failed-messages/" + failed.id(), OPERATOR);
			assertThat(broken.status()).isEqualTo(500);
			FailedMessageRepository store = app.getBean(FailedMessageRepository.class);
			assertThat(store.findById(failed.id()).orElseThrow().status()).isEqualTo(FailedMessageStatus.FAILED);
			assertThat(sender.status().state()).isEqualTo(SenderStatus.State.STOPPED);
			assertThat(sender.status().messageId()).isEqualTo(failed.messageId());

			jdbc.sql("ALTER TABLE sender_progress_away RENAME TO sender_progress").update();
			assertThat(http(app).delete("/api/failed-messages/" + failed.id(), OPERATOR).status()).isEqualTo(200);
			assertThat(store.findById(failed.id()).orElseThrow().status()).isEqualTo(FailedMessageStatus.DISCARDED);
			assertThat(jdbc.sql("SELECT next_index FROM sender_progress").query(Integer.class).single()).isEqualTo(1);
			awaitFailed(app, 1);
		}
	}

	@Test
	void replayOfAPendingLetterShouldBeRefusedWithAClearAnswer() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		try (ConfigurableApplicationContext app = TestApplications.start(broker.getBrokersAsString(),
				"replay-pending-" + UUID.randomUUID(), "alphabet.sender.enabled=false",
				"alphabet.operator.password=s3cret")) {
			Letter letter = Letter.of(UUID.randomUUID().toString(), 3, java.time.Instant.now());
			FailedMessage pending = app.getBean(FailedMessageRepository.class)
				.recordFailure(letter, "alphabets", "{}", FailedMessageStatus.PENDING, "TimeoutException: expired",
						"org.apache.kafka.common.errors.TimeoutException");
			HttpTestClient.Response refused = http(app).post("/api/failed-messages/" + pending.id() + "/replay",
					OPERATOR);
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.json().get("detail").asString()).contains("PENDING", "still delivering");
		}
	}

	private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, String database, String topic,
			boolean tooLarge) {
		// Interval 0 while every letter fails; 20 ms once they go through, so the topic
		// stays small enough to read whole.
		return TestApplications.start(broker.getBrokersAsString(), database,
				"alphabet.sender.interval=" + (tooLarge ? "0" : "20ms"), "alphabet.topic=" + topic,
				"alphabet.dead-letter-topic=" + topic + "-dlt", "alphabet.operator.password=s3cret",
				"spring.kafka.producer.properties[max.request.size]=" + (tooLarge ? 100 : 1048576));
	}

	private static FailedMessage awaitFailed(ConfigurableApplicationContext app, int index) {
		FailedMessageRepository store = app.getBean(FailedMessageRepository.class);
		return await().atMost(Duration.ofSeconds(30))
			.until(() -> store.search(new FailedMessageQuery(FailedMessageStatus.FAILED, null, null, null, 10))
				.stream()
				.filter((entry) -> entry.index() == index)
				.findFirst(), java.util.Optional::isPresent)
			.orElseThrow();
	}

	private static List<String> messageIds(EmbeddedKafkaBroker broker, String topic, String sequence) {
		return TopicRecords.read(broker.getBrokersAsString(), topic, 25, Duration.ofSeconds(10))
			.stream()
			.filter((record) -> record.key().equals(sequence))
			.map((ConsumerRecord<String, String> record) -> TopicRecords.header(record, "message-id"))
			.toList();
	}

	private static HttpTestClient http(ConfigurableApplicationContext context) {
		return new HttpTestClient(((WebServerApplicationContext) context).getWebServer().getPort());
	}

}
