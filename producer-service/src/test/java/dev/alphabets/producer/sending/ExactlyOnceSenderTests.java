package dev.alphabets.producer.sending;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.alphabets.producer.TestApplications;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code alphabet.delivery=exactly-once} on a real broker: the letters and the position
 * commit together, a producer killed inside a transaction leaves nothing that
 * {@code read_committed} sees, and a second producer with the same transactional id
 * fences the first. Each test has its own topics and sender id.
 */
@EmbeddedKafka(brokerProperties = { "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1" })
class ExactlyOnceSenderTests {

	@Test
	void aRestartShouldResumeAtTheCommittedPositionWithNoCommittedDuplicate() {
		String bootstrap = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
		String name = "eos-restart-" + UUID.randomUUID();
		String[] settings = settings(name, "0", "50");
		String database = name;
		for (int run = 1; run <= 3; run++) {
			int expected = 300 * run;
			try (ConfigurableApplicationContext app = TestApplications.start(bootstrap, database, settings)) {
				assertThat(app.getBean(SenderControl.class)).isInstanceOf(TransactionalSender.class);
				await().atMost(Duration.ofSeconds(60)).until(() -> committed(bootstrap, name).size() >= expected);
			}
		}
		assertEveryLetterOnceInOrder(committed(bootstrap, name));
	}

	@Test
	void aProducerKilledInsideATransactionShouldLeaveNothingVisibleAndBeFencedByTheRestart() throws Exception {
		String bootstrap = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
		String name = "eos-killed-" + UUID.randomUUID();
		String[] settings = settings(name, "0", "20");
		String database = name;
		Position committed;
		try (ConfigurableApplicationContext app = TestApplications.start(bootstrap, database, settings)) {
			await().atMost(Duration.ofSeconds(60)).until(() -> committed(bootstrap, name).size() >= 100);
		}
		List<ConsumerRecord<String, String>> before = committed(bootstrap, name);
		ConsumerRecord<String, String> last = before.get(before.size() - 1);
		committed = new Position(last.key(), index(last)).next();
		// A process killed with its transaction open: the same transactional id, the next
		// 30 letters and the position after them written, never committed or aborted.
		KafkaProducer<String, String> killed = transactionalProducer(bootstrap, "alphabets-tx-" + name);
		killed.initTransactions();
		killed.beginTransaction();
		Position next = committed;
		List<java.util.concurrent.Future<RecordMetadata>> zombie = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			Letter letter = Letter.of(next.sequenceId(), next.nextIndex(), Instant.now());
			ProducerRecord<String, String> record = new ProducerRecord<>(name, letter.sequenceId(),
					"{\"messageId\":\"" + letter.messageId() + "\"}");
			record.headers().add("message-id", letter.messageId().getBytes(StandardCharsets.UTF_8));
			zombie.add(killed.send(record));
			next = next.next();
		}
		killed.send(new ProducerRecord<>(name + "-positions", name,
				"{\"sequenceId\":\"" + next.sequenceId() + "\",\"nextIndex\":" + next.nextIndex() + "}"));
		killed.flush();
		assertThat(read(bootstrap, name, "read_uncommitted")).hasSize(before.size() + 30);

		try (ConfigurableApplicationContext restarted = TestApplications.start(bootstrap, database, settings)) {
			int expected = before.size() + 100;
			await().atMost(Duration.ofSeconds(60)).until(() -> committed(bootstrap, name).size() >= expected);
		}
		assertThatExceptionOfType(ProducerFencedException.class).isThrownBy(killed::commitTransaction);
		killed.close(Duration.ZERO);
		List<ConsumerRecord<String, String>> after = committed(bootstrap, name);
		assertThat(after).extracting(ExactlyOnceSenderTests::messageId)
			.containsAll(before.stream().map(ExactlyOnceSenderTests::messageId).toList())
			.contains(Letter.messageId(committed.sequenceId(), committed.nextIndex()));
		List<String> written = new ArrayList<>();
		for (java.util.concurrent.Future<RecordMetadata> sent : zombie) {
			RecordMetadata metadata = sent.get(10, java.util.concurrent.TimeUnit.SECONDS);
			written.add(metadata.partition() + "@" + metadata.offset());
		}
		assertThat(after).extracting((record) -> record.partition() + "@" + record.offset())
			.doesNotContainAnyElementsOf(written);
		assertEveryLetterOnceInOrder(after);
	}

	@Test
	void aSecondInstanceWithTheSameSenderIdShouldFenceTheFirstWhichStopsAndReportsIt() {
		String bootstrap = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
		String name = "eos-fenced-" + UUID.randomUUID();
		String[] settings = settings(name, "20ms", "1");
		// Separate databases: no shared lease, only the transactional id stands between
		// them.
		try (ConfigurableApplicationContext first = TestApplications.start(bootstrap, name + "-a", settings)) {
			SenderControl firstSender = first.getBean(SenderControl.class);
			await().atMost(Duration.ofSeconds(60)).until(() -> committed(bootstrap, name).size() >= 10);
			try (ConfigurableApplicationContext second = TestApplications.start(bootstrap, name + "-b", settings)) {
				await().atMost(Duration.ofSeconds(60))
					.until(() -> firstSender.status().state() == SenderStatus.State.FENCED);
				HealthIndicator health = first.getBean("senderHealthIndicator", HealthIndicator.class);
				assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
				int fencedAt = committed(bootstrap, name).size();
				await().atMost(Duration.ofSeconds(60)).until(() -> committed(bootstrap, name).size() >= fencedAt + 20);
				assertThat(second.getBean(SenderControl.class).status().state()).isEqualTo(SenderStatus.State.RUNNING);
			}
		}
		assertEveryLetterOnceInOrder(committed(bootstrap, name));
	}

	private static String[] settings(String name, String interval, String transactionSize) {
		return new String[] { "alphabet.delivery=exactly-once", "alphabet.topic=" + name,
				"alphabet.dead-letter-topic=" + name + "-dlt", "alphabet.sender.position-topic=" + name + "-positions",
				"alphabet.sender.id=" + name, "alphabet.sender.interval=" + interval,
				"alphabet.sender.transaction-size=" + transactionSize };
	}

	/**
	 * Each sequence holds indexes 0..n-1, each once, in order, and no message id twice.
	 */
	private static void assertEveryLetterOnceInOrder(List<ConsumerRecord<String, String>> records) {
		assertThat(records).isNotEmpty();
		assertThat(records.stream().map(ExactlyOnceSenderTests::messageId).distinct().count())
			.isEqualTo(records.size());
		Map<String, List<Integer>> sequences = new LinkedHashMap<>();
		records.forEach(
				(record) -> sequences.computeIfAbsent(record.key(), (key) -> new ArrayList<>()).add(index(record)));
		sequences.values()
			.forEach((indexes) -> assertThat(indexes)
				.isEqualTo(java.util.stream.IntStream.range(0, indexes.size()).boxed().toList()));
	}

	private static int index(ConsumerRecord<String, String> record) {
		String id = messageId(record);
		for (int index = 0; index < Letter.ROUND_LENGTH; index++) {
			if (Letter.messageId(record.key(), index).equals(id)) {
				return index;
			}
		}
		throw new AssertionError("Not a letter of its sequence: " + record);
	}

	private static String messageId(ConsumerRecord<String, String> record) {
		return new String(record.headers().lastHeader("message-id").value(), StandardCharsets.UTF_8);
	}

	private static List<ConsumerRecord<String, String>> committed(String bootstrap, String topic) {
		return read(bootstrap, topic, "read_committed");
	}

	/** Every record of the topic up to its end, partition by partition. */
	private static List<ConsumerRecord<String, String>> read(String bootstrap, String topic, String isolation) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < ends.get(p))) {
				assertThat(System.nanoTime()).as("read %s to its end in time", topic).isLessThan(deadline);
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		records.sort(java.util.Comparator.comparing((ConsumerRecord<String, String> r) -> r.partition())
			.thenComparing(ConsumerRecord::offset));
		return records;
	}

	private static KafkaProducer<String, String> transactionalProducer(String bootstrap, String transactionalId) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
				ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId), new StringSerializer(),
				new StringSerializer());
	}

}
