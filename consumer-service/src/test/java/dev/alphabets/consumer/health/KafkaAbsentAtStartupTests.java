package dev.alphabets.consumer.health;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

import dev.alphabets.consumer.ConsumerApplication;
import dev.alphabets.testsupport.BootstrapForwarder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service starts without Kafka, reports readiness DOWN with the reason, and becomes
 * ready, its listeners assigned, once a broker appears.
 */
class KafkaAbsentAtStartupTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void startsWhenNoBootstrapServerResolvesAndReportsWhyItIsNotReady() throws Exception {
		try (ConfigurableApplicationContext context = start("kafka.alphabets.invalid:9092", "absent-unresolvable")) {
			HttpResponse<String> readiness = get(context, "/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(503);
			JsonNode body = JSON.readTree(readiness.body());
			assertThat(body.at("/components/kafka/details/reason").asString()).contains("No resolvable bootstrap urls");
			assertThat(body.at("/components/listeners/status").asString()).isEqualTo("DOWN");
			assertThat(body.at("/components/listeners/details/reason").asString())
				.contains("not started: No resolvable bootstrap urls");
			assertThat(get(context, "/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void startsWhileTheBrokerIsDownAndBecomesReadyWhenItAppears() throws Exception {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, "alphabets", "alphabets-dlt");
		try (BootstrapForwarder bootstrap = new BootstrapForwarder();
				ConfigurableApplicationContext context = start(bootstrap.address(), "absent-closed")) {
			HttpResponse<String> down = get(context, "/actuator/health/readiness");
			assertThat(down.statusCode()).isEqualTo(503);
			assertThat(JSON.readTree(down.body()).at("/components/kafka/details/reason").asString()).isNotBlank();
			broker.afterPropertiesSet();
			bootstrap.forwardTo(Integer.parseInt(broker.getBrokersAsString().replaceAll(".*:", "")));
			await().atMost(TIMEOUT).untilAsserted(() -> {
				HttpResponse<String> readiness = get(context, "/actuator/health/readiness");
				assertThat(readiness.statusCode()).isEqualTo(200);
				assertThat(JSON.readTree(readiness.body())
					.at("/components/listeners/details/alphabets/assignedPartitions")
					.size()).isEqualTo(3);
			});
		}
		finally {
			broker.destroy();
		}
	}

	private static ConfigurableApplicationContext start(String bootstrapServers, String database) {
		return new SpringApplicationBuilder(ConsumerApplication.class).run(
				"--spring.kafka.bootstrap-servers=" + bootstrapServers, "--server.port=0",
				"--spring.main.banner-mode=off", "--alphabet.operator.password=s3cret",
				"--spring.datasource.url=jdbc:h2:mem:" + database
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
	}

	private static HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		// Health details are shown to the operator only.
		String credentials = Base64.getEncoder().encodeToString("operator:s3cret".getBytes(StandardCharsets.UTF_8));
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Basic " + credentials)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
