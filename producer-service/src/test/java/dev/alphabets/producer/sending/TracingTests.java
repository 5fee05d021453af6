package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.TestApplications;
import dev.alphabets.producer.TopicRecords;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
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
		output.getOut().substring(start).lines().filter((line) -> !line.isBlank()).forEach((line) -> {
			lines.add(json.readTree(line));
		});
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
				"alphabet.dead-letter-topic=" + topic + "-dlt"));
		properties.addAll(List.of(logging));
		return TestApplications.start(broker.getBrokersAsString(), "traced-" + UUID.randomUUID(),
				properties.toArray(String[]::new));
	}

}
