package dev.alphabets.producer.sending;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import dev.alphabets.producer.HttpTestClient;
import dev.alphabets.producer.TopicRecords;
import dev.alphabets.producer.failures.FailedMessage;
import dev.alphabets.producer.failures.FailedMessageQuery;
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
 * The failed-message store and operator actions in {@code exactly-once}: a permanent
 * error aborts the transaction, is stored FAILED, stops the sender and turns readiness
 * DOWN; a replay once the cause is fixed delivers the letter and the sender carries on
 * after it, each letter once in the committed topic.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "alphabet.delivery=exactly-once",
		"alphabet.topic=eos-failures", "alphabet.sender.position-topic=eos-failures-positions",
		"spring.kafka.producer.properties[max.request.size]=100", "alphabet.sender.interval=20ms",
		"alphabet.operator.password=s3cret",
		"spring.datasource.url=jdbc:h2:mem:eos-failures;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1" })
@EmbeddedKafka(brokerProperties = { "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1" })
class ExactlyOnceFailuresTests {

	@Autowired
	FailedMessageRepository failures;

	@Autowired
	SenderControl sender;

	@Autowired
	DefaultKafkaProducerFactory<String, Letter> producerFactory;

	@Autowired
	EmbeddedKafkaBroker broker;

	@LocalServerPort
	int port;

	@Test
	void permanentErrorShouldBeStoredFailedStopTheSenderAndAReplayShouldLetItCarryOn() {
		HttpTestClient http = new HttpTestClient(this.port);
		FailedMessage failed = await().atMost(Duration.ofSeconds(30))
			.until(() -> this.failures.search(new FailedMessageQuery(FailedMessageStatus.FAILED, null, null, null, 10)),
					(found) -> !found.isEmpty())
			.get(0);
		assertThat(failed.letter()).isEqualTo("A");
		assertThat(failed.exceptionClass()).isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
		assertThat(this.sender.status().state()).isEqualTo(SenderStatus.State.STOPPED);
		assertThat(this.sender.status().messageId()).isEqualTo(failed.messageId());
		assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(503);

		this.producerFactory.updateConfigs(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1048576));
		this.producerFactory.reset();
		HttpTestClient.Response replayed = http.post("/api/failed-messages/" + failed.id() + "/replay",
				"operator:s3cret");
		assertThat(replayed.status()).isEqualTo(200);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200));
		List<String> firstRound = await().atMost(Duration.ofSeconds(30))
			.until(() -> TopicRecords.read(this.broker.getBrokersAsString(), "eos-failures", 26, Duration.ofSeconds(5))
				.stream()
				.filter((record) -> record.key().equals(failed.sequenceId()))
				.map((ConsumerRecord<String, String> record) -> new String(
						record.headers().lastHeader("message-id").value(), StandardCharsets.UTF_8))
				.toList(), (ids) -> ids.size() >= 26);
		assertThat(firstRound).isEqualTo(
				IntStream.range(0, 26).mapToObj((index) -> Letter.messageId(failed.sequenceId(), index)).toList());
	}

}
