package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.alphabets.producer.HttpTestClient;
import dev.alphabets.producer.TestApplications;
import dev.alphabets.producer.TopicRecords;
import dev.alphabets.producer.failures.FailedMessage;
import dev.alphabets.producer.failures.FailedMessageQuery;
import dev.alphabets.producer.failures.FailedMessageRepository;
import dev.alphabets.producer.failures.FailedMessageStatus;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away for longer than the delivery timeout, and the producer restarts in
 * the middle of the outage: the letter is stored PENDING, the sender does not move on,
 * readiness is DOWN while liveness stays UP, and after the heal the letter is delivered
 * with no gap.
 */
class BrokerOutageTests {

	private static KafkaClusterTestKit cluster;

	@BeforeAll
	static void startCluster() throws Exception {
		// Separate broker and controller nodes, so the broker can stop and start on its
		// own.
		cluster = new KafkaClusterTestKit.Builder(
				new TestKitNodes.Builder().setCombined(false).setNumBrokerNodes(1).setNumControllerNodes(1).build())
			.setConfigProp("offsets.topic.replication.factor", "1")
			.setConfigProp("group.initial.rebalance.delay.ms", "0")
			.build();
		cluster.format();
		cluster.startup();
		cluster.waitForReadyBrokers();
	}

	@AfterAll
	static void stopCluster() throws Exception {
		cluster.close();
	}

	@Test
	void outageLongerThanDeliveryTimeoutShouldStorePendingAndDeliverWithoutGapAfterTheHeal() {
		String database = "outage-" + UUID.randomUUID();
		BrokerServer broker = cluster.brokers().values().iterator().next();
		ConfigurableApplicationContext first = start(database);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> first.getBean(AlphabetSender.class).status().nextIndex() >= 3);

		broker.shutdown();
		broker.awaitShutdown();
		FailedMessageRepository store = first.getBean(FailedMessageRepository.class);
		FailedMessage pending = await().atMost(Duration.ofSeconds(60))
			.until(() -> pending(store), (p) -> p.size() == 1)
			.get(0);
		AlphabetSender sender = first.getBean(AlphabetSender.class);
		assertThat(sender.status().state()).isEqualTo(SenderStatus.State.RETRYING);
		assertThat(sender.status().messageId()).isEqualTo(pending.messageId());
		assertThat(pending.exceptionClass()).isEqualTo("org.apache.kafka.common.errors.TimeoutException");

		HttpTestClient http = new HttpTestClient(port(first));
		await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").status() == 503);
		assertThat(http.get("/actuator/health/readiness", "operator:s3cret")
			.json()
			.get("components")
			.get("kafka")
			.get("status")
			.asString()).isEqualTo("DOWN");
		assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);

		// The sender keeps sending the same letter and does not move on.
		await().atMost(Duration.ofSeconds(60)).until(() -> attempts(store, pending) >= 2);
		assertThat(sender.status().nextIndex()).isEqualTo(pending.index());
		assertThat(store.search(new FailedMessageQuery(null, null, null, null, 100)))
			.extracting(FailedMessage::messageId)
			.containsExactly(pending.messageId());

		// Restart the producer in the middle of the outage: it carries on with the same
		// letter.
		int attemptsBeforeRestart = attempts(store, pending);
		first.close();
		ConfigurableApplicationContext second = start(database);
		try {
			FailedMessageRepository restartedStore = second.getBean(FailedMessageRepository.class);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> attempts(restartedStore, pending) > attemptsBeforeRestart);

			broker.startup();
			FailedMessage delivered = await().atMost(Duration.ofSeconds(90))
				.until(() -> restartedStore.findById(pending.id()).orElseThrow(),
						(entry) -> entry.status() == FailedMessageStatus.DELIVERED);
			assertThat(delivered.deliveredOffset()).isNotNull();
			HttpTestClient restartedHttp = new HttpTestClient(port(second));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> restartedHttp.get("/actuator/health/readiness").status() == 200);
			AlphabetSender restartedSender = second.getBean(AlphabetSender.class);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> !restartedSender.status().sequenceId().equals(pending.sequenceId())
						|| restartedSender.status().nextIndex() > pending.index() + 3);

			ConsumerRecord<String, String> atOffset = TopicRecords.readAt(cluster.bootstrapServers(), "alphabets",
					delivered.deliveredPartition(), delivered.deliveredOffset());
			assertThat(TopicRecords.header(atOffset, "message-id")).isEqualTo(pending.messageId());
			assertNoGapInAnySequence();
		}
		finally {
			second.close();
		}
	}

	@Test
	void outageWithAFullWindowInFlightShouldStoreOnlyTheFirstUndeliveredLetterAndResumeWithoutGap() {
		String database = "outage-window-" + UUID.randomUUID();
		String topic = "window-" + UUID.randomUUID();
		BrokerServer broker = cluster.brokers().values().iterator().next();
		ConfigurableApplicationContext app = start(database, "alphabet.sender.interval=0", "alphabet.topic=" + topic,
				"alphabet.dead-letter-topic=" + topic + "-dlt", "alphabet.sender.max-in-flight=500");
		try {
			MeterRegistry meters = app.getBean(MeterRegistry.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged(meters) >= 2000);
			broker.shutdown();
			broker.awaitShutdown();
			FailedMessageRepository store = app.getBean(FailedMessageRepository.class);
			FailedMessage pending = await().atMost(Duration.ofSeconds(60))
				.until(() -> pending(store), (p) -> p.size() == 1)
				.get(0);
			AlphabetSender sender = app.getBean(AlphabetSender.class);
			assertThat(sender.status().state()).isEqualTo(SenderStatus.State.RETRYING);
			assertThat(meters.get("alphabet.sender.in.flight").gauge().value()).isLessThanOrEqualTo(1);
			// No window of letters left dangling in the store: only the first
			// undelivered.
			assertThat(store.search(new FailedMessageQuery(null, null, null, null, 100)))
				.extracting(FailedMessage::messageId)
				.containsExactly(pending.messageId());

			broker.startup();
			await().atMost(Duration.ofSeconds(90))
				.until(() -> store.findById(pending.id()).orElseThrow().status() == FailedMessageStatus.DELIVERED);
			double before = acknowledged(meters);
			await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged(meters) >= before + 2000);
		}
		finally {
			app.close();
		}
		assertNoGapInAnySequence(topic);
	}

	private static double acknowledged(MeterRegistry meters) {
		return meters.get("alphabet.messages.acknowledged").functionCounter().count();
	}

	private void assertNoGapInAnySequence() {
		assertNoGapInAnySequence("alphabets");
	}

	private void assertNoGapInAnySequence(String topic) {
		List<ConsumerRecord<String, String>> records = TopicRecords.read(cluster.bootstrapServers(), topic,
				Integer.MAX_VALUE, Duration.ofSeconds(10));
		Map<String, List<ConsumerRecord<String, String>>> bySequence = records.stream()
			.collect(Collectors.groupingBy(ConsumerRecord::key));
		bySequence.forEach((sequence, sent) -> {
			// A letter in flight when the broker stopped may be stored twice, with the
			// same id.
			List<String> distinct = List.copyOf(sent.stream()
				.map((record) -> TopicRecords.header(record, "message-id"))
				.collect(Collectors.toCollection(LinkedHashSet::new)));
			assertThat(distinct).as("sequence %s", sequence)
				.isEqualTo(IntStream.range(0, distinct.size()).mapToObj((i) -> Letter.messageId(sequence, i)).toList());
		});
		assertThat(bySequence).isNotEmpty();
	}

	private static ConfigurableApplicationContext start(String database) {
		return start(database, "alphabet.sender.interval=50ms");
	}

	private static ConfigurableApplicationContext start(String database, String... settings) {
		Stream<String> common = Stream.of("alphabet.operator.password=s3cret",
				"spring.kafka.producer.properties[delivery.timeout.ms]=3000",
				"spring.kafka.producer.properties[request.timeout.ms]=1000",
				"spring.kafka.producer.properties[max.block.ms]=2000",
				"spring.kafka.producer.properties[retry.backoff.ms]=100", "spring.kafka.admin.operation-timeout=2s");
		return TestApplications.start(cluster.bootstrapServers(), database,
				Stream.concat(Stream.of(settings), common).toArray(String[]::new));
	}

	private static List<FailedMessage> pending(FailedMessageRepository store) {
		return store.search(new FailedMessageQuery(FailedMessageStatus.PENDING, null, null, null, 10));
	}

	private static int attempts(FailedMessageRepository store, FailedMessage message) {
		return store.findById(message.id()).orElseThrow().attempts();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

}
