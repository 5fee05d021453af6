package dev.alphabets.producer.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.HttpTestClient;
import dev.alphabets.producer.TopicRecords;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled sender against a real (embedded) broker: A to Z in order on one
 * partition, exactly in the wire format.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
		"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "alphabet.sender.interval=10ms",
		"alphabet.operator.password=s3cret",
		"spring.datasource.url=jdbc:h2:mem:sender-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1" })
@EmbeddedKafka
class AlphabetSenderTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	EmbeddedKafkaBroker broker;

	@LocalServerPort
	int port;

	@Test
	void lettersShouldArriveAToZInOrderOnOnePartitionInTheWireFormat() {
		List<ConsumerRecord<String, String>> records = TopicRecords.read(this.broker.getBrokersAsString(), "alphabets",
				30, Duration.ofSeconds(30));
		Map<String, List<ConsumerRecord<String, String>>> bySequence = records.stream()
			.collect(Collectors.groupingBy(ConsumerRecord::key));
		List<ConsumerRecord<String, String>> round = bySequence.values()
			.stream()
			.filter((sequence) -> sequence.size() >= 26)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No complete round in " + records.size() + " records"));
		String sequenceId = round.get(0).key();
		assertThat(round.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
		assertThat(round.stream().map(ConsumerRecord::offset).toList()).isSorted();
		for (int index = 0; index < 26; index++) {
			ConsumerRecord<String, String> record = round.get(index);
			JsonNode value = JSON.readTree(record.value());
			String letter = String.valueOf((char) ('A' + index));
			assertThat(value.propertyNames()).containsExactly("messageId", "sequenceId", "index", "letter", "sentAt",
					"text");
			assertThat(value.get("index").asInt()).isEqualTo(index);
			assertThat(value.get("letter").asString()).isEqualTo(letter);
			assertThat(value.get("sequenceId").asString()).isEqualTo(sequenceId);
			assertThat(value.get("messageId").asString()).isEqualTo(Letter.messageId(sequenceId, index))
				.isEqualTo(TopicRecords.header(record, "message-id"));
			assertThat(Instant.parse(value.get("sentAt").asString())).isBefore(Instant.now());
			assertThat(value.get("text").asString())
				.matches("Character #" + letter + " sent at \\d{4}-\\d{2}-\\d{2}_\\d{2}:\\d{2}:\\d{2}");
			assertThat(record.headers().toArray()).extracting((header) -> header.key()).containsExactly("message-id");
		}
		assertThat(round.subList(0, 26).stream().map(ConsumerRecord::value).distinct()).hasSize(26);
		assertThat(IntStream.range(0, 26).mapToObj((i) -> round.get(i).key()).distinct()).containsExactly(sequenceId);
	}

	@Test
	void healthShouldBeReadyAndLiveWithKafkaDetails() {
		HttpTestClient http = new HttpTestClient(this.port);
		HttpTestClient.Response readiness = http.get("/actuator/health/readiness", "operator:s3cret");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(http.get("/actuator/health/readiness").json().propertyNames()).doesNotContain("components");
		JsonNode components = readiness.json().get("components");
		assertThat(components.propertyNames()).contains("kafka", "db", "sender", "readinessState");
		assertThat(components.get("kafka").get("details").get("brokerCount").asInt()).isEqualTo(1);
		assertThat(components.get("kafka").get("details").get("clusterId").asString()).isNotBlank();
		assertThat(components.get("sender").get("details").get("state").asString()).isIn("RUNNING", "RETRYING");
		HttpTestClient.Response liveness = http.get("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.json().has("components") ? liveness.json().get("components").propertyNames() : List.of())
			.doesNotContain("kafka", "db");
	}

	@Test
	void prometheusShouldCountAcknowledgedLettersAndTimeSends() {
		HttpTestClient http = new HttpTestClient(this.port);
		TopicRecords.read(this.broker.getBrokersAsString(), "alphabets", 3, Duration.ofSeconds(20));
		String metrics = http.get("/actuator/prometheus").body();
		assertThat(metrics).contains("alphabet_messages_sent_total", "alphabet_messages_acknowledged_total",
				"alphabet_send_seconds_count{", "alphabet_failed_messages{");
		assertThat(value(metrics, "alphabet_messages_acknowledged_total")).isGreaterThanOrEqualTo(3);
		assertThat(value(metrics, "alphabet_send_seconds_count")).isGreaterThanOrEqualTo(3);
	}

	private static double value(String metrics, String name) {
		return metrics.lines()
			.filter((line) -> line.startsWith(name + "{") && !line.contains("outcome=\"failed\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	@Test
	void anonymousAccessToOtherActuatorEndpointsAndWritesShouldBeRefused() {
		HttpTestClient http = new HttpTestClient(this.port);
		assertThat(http.get("/actuator/env").status()).isIn(401, 403, 404);
		assertThat(http.get("/actuator/beans").status()).isIn(401, 403, 404);
		// A wrong password is refused.
		assertThat(http.post("/api/failed-messages/1/replay", "operator:guess").status()).isEqualTo(401);
		assertThat(http.delete("/api/failed-messages/1", null).status()).isEqualTo(401);
		assertThat(http.get("/api/failed-messages").status()).isEqualTo(200);
	}

}
