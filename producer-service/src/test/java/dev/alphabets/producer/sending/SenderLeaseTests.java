package dev.alphabets.producer.sending;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.alphabets.producer.HttpTestClient;
import dev.alphabets.producer.TestApplications;
import dev.alphabets.producer.TopicRecords;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two processes (here: two application contexts on one database) with the same sender id:
 * one sends, the other stands by, not ready, and takes over at the watermark when the
 * first goes away; a lease left by a crashed holder is taken once it expired.
 */
@EmbeddedKafka
class SenderLeaseTests {

	@Test
	void secondProcessShouldStandByAndTakeOverAtTheWatermarkWithoutGapOrDuplicate() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String database = "lease-" + UUID.randomUUID();
		String topic = "lease-" + UUID.randomUUID();
		ConfigurableApplicationContext first = start(broker, database, topic);
		String sequence;
		try (ConfigurableApplicationContext second = start(broker, database, topic)) {
			AlphabetSender active = first.getBean(AlphabetSender.class);
			AlphabetSender standby = second.getBean(AlphabetSender.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> active.status().nextIndex() >= 3);
			assertThat(standby.status().state()).isEqualTo(SenderStatus.State.STANDBY);
			HttpTestClient http = new HttpTestClient(port(second));
			HttpTestClient.Response readiness = http.get("/actuator/health/readiness", "operator:s3cret");
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.json().get("components").get("sender").get("details").get("state").asString())
				.isEqualTo("STANDBY");

			first.close();
			sequence = active.status().sequenceId();
			await().atMost(Duration.ofSeconds(30)).until(() -> standby.status().state() == SenderStatus.State.RUNNING);
			List<String> ids = await().atMost(Duration.ofSeconds(60))
				.until(() -> messageIds(broker, topic, sequence), (found) -> found.size() >= 26);
			assertThat(ids).isEqualTo(IntStream.range(0, 26).mapToObj((i) -> Letter.messageId(sequence, i)).toList());
		}
		finally {
			first.close();
		}
	}

	@Test
	void leaseOfACrashedHolderShouldBeTakenOnceItExpired() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String database = "crashed-holder-" + UUID.randomUUID();
		String topic = "crashed-" + UUID.randomUUID();
		try (ConfigurableApplicationContext idle = TestApplications.start(broker.getBrokersAsString(), database,
				"alphabet.sender.enabled=false")) {
			idle.getBean(JdbcClient.class)
				.sql("INSERT INTO sender_lease (sender_id, holder, expires_at) VALUES ('alphabet-sender', 'killed',"
						+ " :expires)")
				.param("expires", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(3))
				.update();
		}
		long started = System.nanoTime();
		try (ConfigurableApplicationContext app = start(broker, database, topic)) {
			AlphabetSender sender = app.getBean(AlphabetSender.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> sender.status().state() == SenderStatus.State.RUNNING);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
		}
	}

	@Test
	void holderThatCannotRenewShouldStopSendingThenTakeTheLeaseAgainAtTheStoredPosition() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String database = "regained-" + UUID.randomUUID();
		String topic = "regained-" + UUID.randomUUID();
		try (ConfigurableApplicationContext app = start(broker, database, topic)) {
			AlphabetSender sender = app.getBean(AlphabetSender.class);
			await().atMost(Duration.ofSeconds(30)).until(() -> sender.status().nextIndex() >= 3);
			String sequence = sender.status().sequenceId();
			// As if the database had been out of reach: someone else holds the lease for
			// a while, so this process cannot renew it.
			app.getBean(JdbcClient.class)
				.sql("UPDATE sender_lease SET holder = 'another', expires_at = :expires")
				.param("expires", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(4))
				.update();
			await().atMost(Duration.ofSeconds(15))
				.until(() -> sender.status().state() == SenderStatus.State.LEASE_LOST);
			await().atMost(Duration.ofSeconds(30)).until(() -> sender.status().state() == SenderStatus.State.RUNNING);
			List<String> ids = await().atMost(Duration.ofSeconds(60))
				.until(() -> messageIds(broker, topic, sequence).stream().distinct().toList(),
						(found) -> found.size() >= 26);
			// Letters written past the stored position are sent again as duplicates;
			// their first copies keep the order.
			assertThat(ids).isEqualTo(IntStream.range(0, 26).mapToObj((i) -> Letter.messageId(sequence, i)).toList());
		}
	}

	private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, String database, String topic) {
		return TestApplications.start(broker.getBrokersAsString(), database, "alphabet.sender.interval=100ms",
				"alphabet.sender.lease-ttl=2s", "alphabet.operator.password=s3cret", "alphabet.topic=" + topic,
				"alphabet.dead-letter-topic=" + topic + "-dlt");
	}

	private static List<String> messageIds(EmbeddedKafkaBroker broker, String topic, String sequence) {
		return TopicRecords.read(broker.getBrokersAsString(), topic, 200, Duration.ofSeconds(5))
			.stream()
			.filter((record) -> record.key().equals(sequence))
			.map((ConsumerRecord<String, String> record) -> TopicRecords.header(record, "message-id"))
			.toList();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
