package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.alphabets.producer.HttpTestClient;
import dev.alphabets.producer.TopicRecords;
import dev.alphabets.producer.failures.FailedMessage;
import dev.alphabets.producer.failures.FailedMessageRepository;
import dev.alphabets.producer.failures.FailedMessageStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record over {@code max.request.size} is a permanent error: stored FAILED, the sender
 * stops, readiness turns DOWN naming the reason, and once the cause is fixed a replay
 * delivers it and the sender carries on from there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"spring.kafka.producer.properties[max.request.size]=100", "alphabet.sender.interval=20ms",
		"alphabet.operator.password=s3cret",
		"spring.datasource.url=jdbc:h2:mem:permanent-failure;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1" })
@EmbeddedKafka
class PermanentFailureTests {

	@Autowired
	FailedMessageRepository failures;

	@Autowired
	AlphabetSender sender;

	@Autowired
	DefaultKafkaProducerFactory<String, Letter> producerFactory;

	@Autowired
	EmbeddedKafkaBroker broker;

	@LocalServerPort
	int port;

	@Test
	void recordTooLargeShouldBeStoredFailedStopTheSenderAndBeDeliveredByReplayOnceFixed() {
		HttpTestClient http = new HttpTestClient(this.port);
		FailedMessage failed = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.failures.search(new dev.alphabets.producer.failures.FailedMessageQuery(
					FailedMessageStatus.FAILED, null, null, null, 10)), (found) -> !found.isEmpty())
			.get(0);
		assertThat(failed.letter()).isEqualTo("A");
		assertThat(failed.exceptionClass()).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
		assertThat(failed.reason()).contains("max.request.size");
		assertThat(this.sender.status().state()).isEqualTo(SenderStatus.State.STOPPED);
		assertThat(this.sender.status().nextIndex()).isZero();

		HttpTestClient.Response readiness = http.get("/actuator/health/readiness", "operator:s3cret");
		assertThat(readiness.status()).isEqualTo(503);
		assertThat(http.get("/actuator/health/readiness").json().has("components")).isFalse();
		JsonNode sender = readiness.json().get("components").get("sender");
		assertThat(sender.get("status").asString()).isEqualTo("DOWN");
		assertThat(sender.get("details").get("reason").asString()).contains("RecordTooLargeException");
		assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(http.get("/actuator/prometheus").body())
			.contains("alphabet_messages_failed_total{application=\"producer-service\",kind=\"permanent\","
					+ "reason=\"RecordTooLargeException\"}");

		// The operator fixes the cause (here: the producer's max.request.size) and
		// replays.
		this.producerFactory.updateConfigs(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1048576));
		this.producerFactory.reset();
		HttpTestClient.Response replayed = http.post("/api/failed-messages/" + failed.id() + "/replay",
				"operator:s3cret");
		assertThat(replayed.status()).isEqualTo(200);
		assertThat(replayed.json().get("status").asString()).isEqualTo("DELIVERED");

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200));
		List<ConsumerRecord<String, String>> records = TopicRecords.read(this.broker.getBrokersAsString(), "alphabets",
				26, Duration.ofSeconds(30));
		List<String> firstRound = records.stream()
			.filter((record) -> record.key().equals(failed.sequenceId()))
			.map((record) -> TopicRecords.header(record, "message-id"))
			.toList();
		assertThat(firstRound).hasSizeGreaterThanOrEqualTo(5);
		assertThat(firstRound).isEqualTo(IntStream.range(0, firstRound.size())
			.mapToObj((index) -> Letter.messageId(failed.sequenceId(), index))
			.toList());
	}

}
