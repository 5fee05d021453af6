package dev.alphabets.producer.health;

import java.io.IOException;
import java.time.Duration;

import dev.alphabets.producer.HttpTestClient;
import dev.alphabets.producer.TestApplications;
import dev.alphabets.testsupport.BootstrapForwarder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service starts without Kafka, reports readiness DOWN with the reason, and becomes
 * ready once a broker appears.
 */
class KafkaAbsentAtStartupTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final String OPERATOR_PASSWORD = "alphabet.operator.password=s3cret";

	private static final String OPERATOR = "operator:s3cret";

	@Test
	void startsWhenNoBootstrapServerResolvesAndReportsWhyItIsNotReady() {
		try (ConfigurableApplicationContext context = TestApplications.start("kafka.alphabets.invalid:9092",
				"absent-unresolvable", OPERATOR_PASSWORD, "alphabet.sender.interval=50ms")) {
			HttpTestClient http = new HttpTestClient(port(context));
			await().atMost(TIMEOUT).untilAsserted(() -> {
				HttpTestClient.Response readiness = http.get("/actuator/health/readiness", OPERATOR);
				assertThat(readiness.status()).isEqualTo(503);
				assertThat(readiness.json().at("/components/kafka/status").asString()).isEqualTo("DOWN");
				assertThat(readiness.json().at("/components/kafka/details/reason").asString())
					.contains("No resolvable bootstrap urls");
				// The sender tried and failed to create its producer: it keeps trying,
				// and
				// the letter is not stored as FAILED.
				assertThat(readiness.json().at("/components/sender/details/state").asString()).isEqualTo("RETRYING");
			});
			assertThat(http.get("/api/failed-messages?status=FAILED").json().size()).isZero();
			assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
		}
	}

	@Test
	void startsWhileTheBrokerIsDownAndBecomesReadyWhenItAppears() throws IOException {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
		try (BootstrapForwarder bootstrap = new BootstrapForwarder();
				ConfigurableApplicationContext context = TestApplications.start(bootstrap.address(), "absent-closed",
						OPERATOR_PASSWORD, "alphabet.sender.interval=50ms")) {
			HttpTestClient http = new HttpTestClient(port(context));
			HttpTestClient.Response down = http.get("/actuator/health/readiness", OPERATOR);
			assertThat(down.status()).isEqualTo(503);
			assertThat(down.json().at("/components/kafka/status").asString()).isEqualTo("DOWN");
			assertThat(down.json().at("/components/kafka/details/reason").asString()).isNotBlank();
			broker.afterPropertiesSet();
			bootstrap.forwardTo(Integer.parseInt(broker.getBrokersAsString().replaceAll(".*:", "")));
			await().atMost(TIMEOUT).untilAsserted(() -> {
				JsonNode readiness = http.get("/actuator/health/readiness", OPERATOR).json();
				assertThat(readiness.at("/components/kafka/status").asString()).isEqualTo("UP");
				assertThat(readiness.at("/status").asString()).isEqualTo("UP");
				assertThat(readiness.at("/components/sender/details/nextIndex").asInt()).isPositive();
			});
		}
		finally {
			broker.destroy();
		}
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
