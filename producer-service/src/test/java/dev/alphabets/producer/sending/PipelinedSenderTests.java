package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.alphabets.producer.HttpTestClient;
import dev.alphabets.producer.TestApplications;
import dev.alphabets.producer.TopicRecords;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At interval 0 the sender keeps many letters in flight, every sequence still arrives in
 * order without a gap or a duplicate, and a restart resumes exactly at the stored
 * watermark.
 */
@EmbeddedKafka
class PipelinedSenderTests {

	@Test
	void manyLettersInFlightShouldStillArriveInOrderAndAStopShouldStoreTheExactPosition() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String database = "pipelined-" + UUID.randomUUID();
		String topic = "pipelined-" + UUID.randomUUID();
		AtomicInteger mostInFlight = new AtomicInteger();
		long acknowledged;
		try (ConfigurableApplicationContext app = start(broker, database, topic, "alphabet.sender.max-in-flight=200",
				"alphabet.sender.commit-every=100")) {
			MeterRegistry meters = app.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> {
				mostInFlight.accumulateAndGet((int) meters.get("alphabet.sender.in.flight").gauge().value(), Math::max);
				return meters.get("alphabet.messages.acknowledged").functionCounter().count() >= 3000;
			});
			String metrics = new HttpTestClient(((WebServerApplicationContext) app).getWebServer().getPort())
				.get("/actuator/prometheus")
				.body();
			assertThat(metrics).contains("alphabet_sender_in_flight", "alphabet_sender_watermark_behind",
					"alphabet_sender_position_behind", "alphabet_sender_commit_seconds_count",
					"alphabet_sender_commit_size_count");
			app.stop();
			acknowledged = (long) meters.get("alphabet.messages.acknowledged").functionCounter().count();
		}
		assertThat(mostInFlight.get()).isGreaterThan(1).isLessThanOrEqualTo(200);

		Position stored;
		try (ConfigurableApplicationContext idle = start(broker, database, topic, "alphabet.sender.enabled=false")) {
			stored = idle.getBean(SenderProgressRepository.class).find("alphabet-sender").orElseThrow();
		}
		List<ConsumerRecord<String, String>> records = TopicRecords.read(broker.getBrokersAsString(), topic,
				(int) acknowledged, Duration.ofSeconds(30));
		assertThat(records).hasSize((int) acknowledged);
		Map<String, List<String>> bySequence = records.stream()
			.collect(Collectors.groupingBy(ConsumerRecord::key,
					Collectors.mapping((record) -> TopicRecords.header(record, "message-id"), Collectors.toList())));
		bySequence.forEach((sequence, ids) -> {
			int expected = sequence.equals(stored.sequenceId()) ? stored.nextIndex() : 26;
			assertThat(ids).as("sequence %s", sequence).isEqualTo(ids(sequence, 0, expected));
		});

		// Slower after the restart, so the topic stays small enough to read whole.
		try (ConfigurableApplicationContext restarted = start(broker, database, topic, "interval=20ms")) {
			List<String> resumed = await().atMost(Duration.ofSeconds(90))
				.until(() -> TopicRecords
					.read(broker.getBrokersAsString(), topic, Integer.MAX_VALUE, Duration.ofSeconds(10))
					.stream()
					.filter((record) -> record.key().equals(stored.sequenceId()))
					.map((record) -> TopicRecords.header(record, "message-id"))
					.toList(), (ids) -> ids.size() >= 26);
			assertThat(resumed).isEqualTo(ids(stored.sequenceId(), 0, 26));
		}
	}

	@Test
	void anIntervalOfOneMillisecondShouldHoldAThousandLettersASecond() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String topic = "paced-" + UUID.randomUUID();
		try (ConfigurableApplicationContext app = start(broker, "paced-" + UUID.randomUUID(), topic, "interval=1ms",
				"logging.level.dev.alphabets.producer.sending.LetterPublisher=WARN")) {
			MeterRegistry meters = app.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> meters.get("alphabet.messages.acknowledged").functionCounter().count() >= 1000);
			double before = meters.get("alphabet.messages.acknowledged").functionCounter().count();
			long start = System.nanoTime();
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> System.nanoTime() - start >= Duration.ofSeconds(5).toNanos());
			double after = meters.get("alphabet.messages.acknowledged").functionCounter().count();
			double perSecond = (after - before) / ((System.nanoTime() - start) / 1e9);
			// Sleeping 1 ms after each letter reached about 660 letters/s; the schedule
			// may catch up on at most a second of letters, so the rate over 5 s stays
			// below 1,200/s.
			assertThat(perSecond).isBetween(900.0, 1200.0);
		}
	}

	private static List<String> ids(String sequence, int from, int to) {
		return IntStream.range(from, to).mapToObj((index) -> Letter.messageId(sequence, index)).toList();
	}

	private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, String database, String topic,
			String... more) {
		boolean slower = more.length > 0 && more[0].startsWith("interval=");
		if (slower) {
			more[0] = "alphabet.sender." + more[0];
		}
		String[] properties = new String[more.length + 3];
		properties[0] = slower ? "alphabet.sender.commit-interval=100ms" : "alphabet.sender.interval=0";
		properties[1] = "alphabet.topic=" + topic;
		properties[2] = "alphabet.dead-letter-topic=" + topic + "-dlt";
		System.arraycopy(more, 0, properties, 3, more.length);
		return TestApplications.start(broker.getBrokersAsString(), database, properties);
	}

}
