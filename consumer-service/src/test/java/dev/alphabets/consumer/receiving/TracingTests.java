package dev.alphabets.consumer.receiving;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.consumer.ConsumerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A letter's record carries the producer's W3C {@code traceparent}: the consumer stores
 * its trace id with the letter, shows it in {@code /api/sequences/{id}}, and logs it with
 * the letter, in Boot's plain pattern and in JSON logs with the coordinates as fields.
 */
@EmbeddedKafka(partitions = 1)
@ExtendWith(OutputCaptureExtension.class)
class TracingTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void letterWithATraceparentShouldBeStoredShownAndLoggedWithItsTraceId(CapturedOutput output) throws Exception {
		String topic = "traced-" + UUID.randomUUID();
		String traceId = randomHex(32);
		String producerSpanId = randomHex(16);
		String sequenceId = UUID.randomUUID().toString();
		try (ConfigurableApplicationContext app = start(topic, "logging.config=classpath:logback-boot.xml")) {
			RecordMetadata sent = send(topic, sequenceId, 0, "00-" + traceId + "-" + producerSpanId + "-01");
			JdbcClient jdbc = JdbcClient.create(app.getBean(DataSource.class));
			String stored = await().atMost(TIMEOUT)
				.until(() -> jdbc.sql("SELECT trace_id FROM received_messages WHERE message_id = ?")
					.param(messageId(sequenceId, 0))
					.query(String.class)
					.optional()
					.orElse(null), (value) -> value != null);
			assertThat(stored).isEqualTo(traceId);
			JsonNode detail = JSON.readTree(get(app, "/api/sequences/" + sequenceId));
			assertThat(detail.path("letters").get(0).path("traceId").asString()).isEqualTo(traceId);
			await().atMost(TIMEOUT)
				.until(() -> output.getOut()
					.lines()
					.anyMatch((line) -> line.contains("Applied key=" + sequenceId) && line.contains("[" + traceId + "-")
							&& line.contains("offset=" + sent.offset())));
			// The container's span for the record is a child of the producer's span.
			SpanData consumerSpan = await().atMost(TIMEOUT)
				.until(() -> EndedSpans.ENDED.stream()
					.filter((span) -> span.getTraceId().equals(traceId))
					.findFirst()
					.orElse(null), (span) -> span != null);
			assertThat(consumerSpan.getKind()).isEqualTo(SpanKind.CONSUMER);
			assertThat(consumerSpan.getParentSpanId()).isEqualTo(producerSpanId);
			// Records older than the high watermark are all applied: nothing is waiting.
			MeterRegistry meters = app.getBean(MeterRegistry.class);
			await().atMost(TIMEOUT)
				.until(() -> meters.find("alphabet.consumer.oldest.unapplied.age")
					.tags("topic", topic, "partition", "0")
					.gauge(), (gauge) -> gauge != null && gauge.value() == 0);
		}
	}

	@Test
	void jsonLogsShouldBeOneObjectPerLineWithTheLettersCoordinatesAndTraceIdAsFields(CapturedOutput output)
			throws Exception {
		String topic = "json-" + UUID.randomUUID();
		String traceId = randomHex(32);
		String sequenceId = UUID.randomUUID().toString();
		int start = output.getOut().length();
		RecordMetadata sent;
		try (ConfigurableApplicationContext app = start(topic, "logging.config=classpath:logback-boot-json.xml",
				"logging.structured.format.console=ecs")) {
			sent = send(topic, sequenceId, 0, "00-" + traceId + "-" + randomHex(16) + "-00");
			await().atMost(TIMEOUT)
				.until(() -> output.getOut().substring(start).contains("\"messageId\":\"" + messageId(sequenceId, 0)));
		}
		List<JsonNode> lines = new ArrayList<>();
		jsonLines(output.getOut().substring(start)).forEach((line) -> lines.add(JSON.readTree(line)));
		JsonNode applied = lines.stream()
			.filter((line) -> line.path("messageId").asString("").equals(messageId(sequenceId, 0)))
			.findFirst()
			.orElseThrow();
		assertThat(applied.path("topic").asString()).isEqualTo(topic);
		assertThat(applied.path("partition").asInt()).isZero();
		assertThat(applied.path("offset").asLong()).isEqualTo(sent.offset());
		assertThat(applied.path("sequenceId").asString()).isEqualTo(sequenceId);
		assertThat(applied.path("traceId").asString()).isEqualTo(traceId);
		JsonNode poll = lines.stream()
			.filter((line) -> line.path("message").asString("").startsWith("Stored poll"))
			.filter((line) -> line.path("partitions").asString("").startsWith(topic + "-0@"))
			.findFirst()
			.orElseThrow();
		assertThat(poll.path("partitions").asString()).isEqualTo(topic + "-0@" + sent.offset() + ".." + sent.offset());
		assertThat(poll.path("applied").asInt()).isOne();
	}

	private static ConfigurableApplicationContext start(String topic, String... logging) throws Exception {
		try (AdminClient admin = AdminClient
			.create(Map.of("bootstrap.servers", EmbeddedKafkaCondition.getBroker().getBrokersAsString()))) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		List<String> arguments = new ArrayList<>(List.of(
				"--spring.kafka.bootstrap-servers=" + EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
				"--server.port=0", "--spring.main.banner-mode=off", "--alphabet.topic=" + topic,
				"--alphabet.dead-letter-topic=" + topic + "-dlt", "--alphabet.partitions=1",
				"--spring.kafka.consumer.group-id=" + topic, "--spring.kafka.listener.observation-enabled=true",
				"--logging.level.dev.alphabets.consumer.receiving.LetterListener=DEBUG",
				"--spring.datasource.url=jdbc:h2:mem:" + topic
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"));
		for (String property : logging) {
			arguments.add("--" + property);
		}
		return withOwnLogging(() -> new SpringApplicationBuilder(ConsumerApplication.class, EndedSpans.class)
			.run(arguments.toArray(String[]::new)));
	}

	/** Keeps every span that ends, as an exporter would receive it. */
	@Configuration(proxyBeanMethods = false)
	static class EndedSpans {

		static final Queue<SpanData> ENDED = new ConcurrentLinkedQueue<>();

		@Bean
		SpanProcessor endedSpans() {
			return new SpanProcessor() {

				@Override
				public void onStart(Context parentContext, ReadWriteSpan span) {
				}

				@Override
				public boolean isStartRequired() {
					return false;
				}

				@Override
				public void onEnd(ReadableSpan span) {
					ENDED.add(span.toSpanData());
				}

				@Override
				public boolean isEndRequired() {
					return true;
				}

			};
		}

	}

	private static RecordMetadata send(String topic, String sequenceId, int index, String traceparent)
			throws Exception {
		try (Producer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
						EmbeddedKafkaCondition.getBroker().getBrokersAsString()),
				new StringSerializer(), new StringSerializer())) {
			char letter = (char) ('A' + index);
			String value = """
					{"messageId":"%s","sequenceId":"%s","index":%d,"letter":"%s","sentAt":"2026-11-27T08:00:00Z",\
					"text":"Character #%s sent at 2026-11-27_08:00:00"}""".formatted(messageId(sequenceId, index),
					sequenceId, index, letter, letter);
			ProducerRecord<String, String> record = new ProducerRecord<>(topic, sequenceId, value);
			record.headers().add("message-id", messageId(sequenceId, index).getBytes(StandardCharsets.UTF_8));
			record.headers().add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
			return producer.send(record).get(30, TimeUnit.SECONDS);
		}
	}

	private static String get(ConfigurableApplicationContext app, String path) throws Exception {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String messageId(String sequenceId, int index) {
		return UUID.nameUUIDFromBytes((sequenceId + "/" + index).getBytes(StandardCharsets.UTF_8)).toString();
	}

	private static String randomHex(int digits) {
		return UUID.randomUUID().toString().replace("-", "").repeat(2).substring(0, digits);
	}

	/**
	 * The lines from the application's first JSON line to its last: before Boot
	 * configures logging and after it closes, the test's own logback configuration writes
	 * plain lines (other tests' clients in the same JVM).
	 */
	private static List<String> jsonLines(String output) {
		List<String> all = output.lines().filter((line) -> !line.isBlank()).toList();
		int first = 0;
		while (first < all.size() && !all.get(first).startsWith("{")) {
			first++;
		}
		int last = all.size() - 1;
		while (last > first && !all.get(last).startsWith("{")) {
			last--;
		}
		assertThat(last - first).as("JSON lines logged").isGreaterThan(10);
		return all.subList(first, last + 1);
	}

	/**
	 * Lets the application started next configure logging (Boot leaves it alone while a
	 * cached test context of another class holds it), and afterwards puts back the test
	 * configuration (logback-test.xml) for the tests that follow.
	 */
	private static ConfigurableApplicationContext withOwnLogging(Supplier<ConfigurableApplicationContext> start) {
		LoggingSystem.get(TracingTests.class.getClassLoader()).cleanUp();
		ConfigurableApplicationContext app = start.get();
		app.addApplicationListener((ContextClosedEvent closed) -> {
			LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
			context.reset();
			try {
				new ContextInitializer(context).autoConfig();
			}
			catch (JoranException ex) {
				throw new IllegalStateException(ex);
			}
		});
		return app;
	}

}
