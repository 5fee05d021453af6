package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.TestApplications;
import dev.alphabets.producer.TopicRecords;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each letter leaves with a W3C {@code traceparent} header, and the line that reports its
 * acknowledgement carries the same trace, in the plain pattern and in JSON logs.
 */
@EmbeddedKafka
@ExtendWith(OutputCaptureExtension.class)
class TracingTests {

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

	@Test
	void sentLetterShouldCarryATraceparentWhoseTraceIdIsInItsDeliveryLogLine(CapturedOutput output) {
		String topic = "traced-" + UUID.randomUUID();
		try (ConfigurableApplicationContext app = start(topic, "logging.config=classpath:logback-boot.xml")) {
			List<ConsumerRecord<String, String>> records = TopicRecords
				.read(EmbeddedKafkaCondition.getBroker().getBrokersAsString(), topic, 3, Duration.ofSeconds(60));
			for (ConsumerRecord<String, String> record : records.subList(0, 3)) {
				Matcher traceparent = TRACEPARENT.matcher(TopicRecords.header(record, DeliveryLog.TRACEPARENT));
				assertThat(traceparent.matches()).as(TopicRecords.header(record, DeliveryLog.TRACEPARENT)).isTrue();
				String messageId = TopicRecords.header(record, LetterPublisher.MESSAGE_ID_HEADER);
				// Boot's correlation pattern: [traceId-spanId]
				String correlation = "[" + traceparent.group(1) + "-" + traceparent.group(2) + "]";
				await().atMost(Duration.ofSeconds(30))
					.until(() -> output.getOut()
						.lines()
						.anyMatch((line) -> line.contains("Delivered") && line.contains("messageId=" + messageId)
								&& line.contains(correlation)));
			}
		}
	}

	@Test
	void jsonLogsShouldBeOneObjectPerLineWithTheLettersCoordinatesAndTraceAsFields(CapturedOutput output) {
		String topic = "json-" + UUID.randomUUID();
		int start = output.getOut().length();
		List<ConsumerRecord<String, String>> records;
		try (ConfigurableApplicationContext app = start(topic, "logging.config=classpath:logback-boot-json.xml",
				"logging.structured.format.console=ecs")) {
			records = TopicRecords.read(EmbeddedKafkaCondition.getBroker().getBrokersAsString(), topic, 3,
					Duration.ofSeconds(60));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> output.getOut()
					.substring(start)
					.lines()
					.filter((l) -> l.contains("Delivered"))
					.count() >= 3);
		}
		JsonMapper json = JsonMapper.builder().build();
		List<JsonNode> lines = new ArrayList<>();
		jsonLines(output.getOut().substring(start)).forEach((line) -> lines.add(json.readTree(line)));
		ConsumerRecord<String, String> first = records.get(0);
		Matcher traceparent = TRACEPARENT.matcher(TopicRecords.header(first, DeliveryLog.TRACEPARENT));
		assertThat(traceparent.matches()).isTrue();
		JsonNode delivered = lines.stream()
			.filter((line) -> line.path("messageId")
				.asString("")
				.equals(TopicRecords.header(first, LetterPublisher.MESSAGE_ID_HEADER)))
			.findFirst()
			.orElseThrow();
		assertThat(delivered.path("topic").asString()).isEqualTo(topic);
		assertThat(delivered.path("partition").asInt()).isEqualTo(first.partition());
		assertThat(delivered.path("offset").asLong()).isEqualTo(first.offset());
		assertThat(delivered.path("sequenceId").asString()).isEqualTo(first.key());
		assertThat(delivered.path("traceId").asString()).isEqualTo(traceparent.group(1));
		assertThat(delivered.path("spanId").asString()).isEqualTo(traceparent.group(2));
		assertThat(delivered.path("log").path("level").asString()).isEqualTo("INFO");
	}

	private static ConfigurableApplicationContext start(String topic, String... logging) {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		List<String> properties = new ArrayList<>(List.of("alphabet.sender.interval=50ms", "alphabet.topic=" + topic,
				"alphabet.dead-letter-topic=" + topic + "-dlt", "spring.kafka.template.observation-enabled=true"));
		properties.addAll(List.of(logging));
		return withOwnLogging(() -> TestApplications.start(broker.getBrokersAsString(), "traced-" + UUID.randomUUID(),
				properties.toArray(String[]::new)));
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
