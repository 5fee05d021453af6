package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.alphabets.producer.TestApplications;
import dev.alphabets.producer.TopicRecords;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a restart, clean or not, the sender carries on at the first letter whose
 * acknowledgement it had not recorded, with the same message id.
 */
@EmbeddedKafka
class SenderRestartTests {

	@Test
	void restartAfterACrashShouldResendTheFirstUnrecordedLetterWithTheSameMessageId() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String database = "crash-" + UUID.randomUUID();
		String sequence = UUID.randomUUID().toString();
		// As left by a process killed after H was acknowledged but before that was
		// recorded.
		try (ConfigurableApplicationContext migrated = TestApplications.start(broker.getBrokersAsString(), database,
				"alphabet.sender.enabled=false")) {
			migrated.getBean(SenderProgressRepository.class).save("alphabet-sender", new Position(sequence, 7));
		}
		try (ConfigurableApplicationContext restarted = TestApplications.start(broker.getBrokersAsString(), database,
				"alphabet.sender.interval=20ms")) {
			List<String> ids = await().atMost(Duration.ofSeconds(60))
				.until(() -> messageIds(broker, sequence, 19), (found) -> found.size() >= 19);
			assertThat(ids)
				.isEqualTo(IntStream.range(7, 26).mapToObj((index) -> Letter.messageId(sequence, index)).toList());
		}
	}

	@Test
	void cleanRestartShouldCarryOnWithoutGapOrDuplicate() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String database = "clean-" + UUID.randomUUID();
		String sequence;
		int reached;
		try (ConfigurableApplicationContext first = TestApplications.start(broker.getBrokersAsString(), database,
				"alphabet.sender.interval=100ms")) {
			AlphabetSender sender = first.getBean(AlphabetSender.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> sender.status().nextIndex() >= 3);
			sequence = sender.status().sequenceId();
			reached = sender.status().nextIndex();
		}
		assertThat(reached).isLessThan(20);
		try (ConfigurableApplicationContext second = TestApplications.start(broker.getBrokersAsString(), database,
				"alphabet.sender.interval=20ms")) {
			List<String> ids = await().atMost(Duration.ofSeconds(60))
				.until(() -> messageIds(broker, sequence, 26), (found) -> found.size() >= 26);
			assertThat(ids)
				.isEqualTo(IntStream.range(0, 26).mapToObj((index) -> Letter.messageId(sequence, index)).toList());
		}
	}

	private static List<String> messageIds(EmbeddedKafkaBroker broker, String sequence, int expected) {
		return TopicRecords.read(broker.getBrokersAsString(), "alphabets", expected, Duration.ofSeconds(10))
			.stream()
			.filter((record) -> record.key().equals(sequence))
			.map((ConsumerRecord<String, String> record) -> TopicRecords.header(record, "message-id"))
			.toList();
	}

}
