package dev.alphabets.producer.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.alphabets.localkafka.SecuredLocalKafka;
import dev.alphabets.producer.HttpTestClient;
import dev.alphabets.producer.TestApplications;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The producer on a secured broker (SASL_SSL, SCRAM, ACLs): as its own principal it
 * delivers; with a wrong password, or as a principal that may not write the topic, it
 * stores the letter FAILED, stops, and readiness names the error.
 */
class SecuredKafkaTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final String OPERATOR = "operator:s3cret";

	private static final JsonMapper JSON = new JsonMapper();

	private static SecuredLocalKafka kafka;

	@BeforeAll
	static void startSecuredBroker() {
		kafka = SecuredLocalKafka.start(
				Path.of("target", "secured-kafka", UUID.randomUUID().toString(), "kafka").toAbsolutePath(),
				Duration.ofMinutes(5));
	}

	@AfterAll
	static void stopBroker() {
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void producerPrincipalShouldDeliverLettersOverSaslSsl() {
		try (ConfigurableApplicationContext context = start("secured-ok", kafka.springProperties("producer"))) {
			HttpTestClient http = new HttpTestClient(port(context));
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200));
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(letters()).contains("A", "B", "C"));
			assertThat(http.get("/api/failed-messages?status=FAILED").json().size()).isZero();
		}
	}

	@Test
	void wrongPasswordShouldStoreTheLetterFailedStopAndNameTheAuthenticationError() {
		try (ConfigurableApplicationContext context = start("secured-wrong-password",
				kafka.springProperties("producer", "not-the-password"))) {
			assertStoppedFailed(new HttpTestClient(port(context)), "SaslAuthenticationException");
		}
	}

	@Test
	void principalWithoutWriteAclShouldStoreTheLetterFailedStopAndNameTheAuthorizationError() {
		// The consumer's principal may read the topic but not write it.
		try (ConfigurableApplicationContext context = start("secured-no-acl", kafka.springProperties("consumer"))) {
			assertStoppedFailed(new HttpTestClient(port(context)), "TopicAuthorizationException");
		}
	}

	private static void assertStoppedFailed(HttpTestClient http, String error) {
		JsonNode failed = await().atMost(TIMEOUT)
			.until(() -> http.get("/api/failed-messages?status=FAILED").json(), (found) -> found.size() == 1)
			.get(0);
		assertThat(failed.get("letter").asString()).isEqualTo("A");
		assertThat(failed.get("exceptionClass").asString()).endsWith("." + error);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			HttpTestClient.Response readiness = http.get("/actuator/health/readiness", OPERATOR);
			assertThat(readiness.status()).isEqualTo(503);
			assertThat(readiness.json().at("/components/sender/status").asString()).isEqualTo("DOWN");
			assertThat(readiness.json().at("/components/sender/details/state").asString()).isEqualTo("STOPPED");
			assertThat(readiness.json().at("/components/sender/details/reason").asString()).contains(error);
		});
		assertThat(http.get("/api/failed-messages?status=PENDING").json().size()).isZero();
		assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	private static ConfigurableApplicationContext start(String database, Map<String, Object> security) {
		List<String> properties = new ArrayList<>(List.of("alphabet.operator.password=s3cret",
				"alphabet.sender.interval=50ms", "alphabet.sender.id=" + database));
		security.forEach((name, value) -> properties.add(name + "=" + value));
		return TestApplications.start(kafka.bootstrapServers(), database, properties.toArray(String[]::new));
	}

	/** The letters on the topic, read as the admin. */
	private static List<String> letters() {
		List<String> letters = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.clientConfig("admin"),
				new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor("alphabets", Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))
					&& System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					letters.add(JSON.readTree(record.value()).get("letter").asString());
				}
			}
		}
		return letters;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
