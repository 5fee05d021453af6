package dev.alphabets.reliability;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.alphabets.testsupport.KafkaCluster;
import dev.alphabets.testsupport.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a scenario left behind, read from the truth (the producer's log and store, the
 * consumer's store, both topics), and the invariants checked against it.
 */
final class Outcome {

	private static final Logger logger = LoggerFactory.getLogger(Outcome.class);

	private final Scenario scenario;

	private final Set<String> acknowledged = new LinkedHashSet<>();

	private final Map<String, String> stored = new LinkedHashMap<>();

	private final List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();

	private final List<ConsumerRecord<byte[], byte[]>> deadLetters;

	private final List<Received> received = new ArrayList<>();

	private final List<String> duplicates = new ArrayList<>();

	private final List<String> violations = new ArrayList<>();

	private Outcome(Scenario scenario) throws Exception {
		this.scenario = scenario;
		KafkaCluster cluster = scenario.cluster();
		scenario.acknowledged().forEach((delivery) -> this.acknowledged.add(delivery.messageId()));
		Set<String> pillPositions = scenario.pills()
			.stream()
			.map((pill) -> pill.partition() + "@" + pill.offset())
			.collect(Collectors.toSet());
		for (ConsumerRecord<byte[], byte[]> record : TopicRecords.readAll(cluster.admin(), cluster.bootstrapServers(),
				scenario.topic())) {
			if (!pillPositions.contains(record.partition() + "@" + record.offset())) {
				this.letters.add(record);
			}
		}
		this.deadLetters = TopicRecords.readAll(cluster.admin(), cluster.bootstrapServers(),
				scenario.deadLetterTopic());
		readProducerStore();
		readConsumerStore();
	}

	static Outcome collect(Scenario scenario) throws Exception {
		return new Outcome(scenario);
	}

	private void readProducerStore() throws SQLException {
		try (Connection connection = this.scenario.connectProducerStore();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT message_id, status FROM failed_messages")) {
			while (rows.next()) {
				this.stored.put(rows.getString(1), rows.getString(2));
			}
		}
	}

	private void readConsumerStore() throws SQLException {
		try (Connection connection = this.scenario.connectConsumerStore();
				Statement statement = connection.createStatement()) {
			try (ResultSet rows = statement
				.executeQuery("SELECT message_id, sequence_id, letter_index, kafka_partition,"
						+ " kafka_offset FROM received_messages ORDER BY received_at, kafka_offset")) {
				while (rows.next()) {
					this.received.add(new Received(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getInt(4),
							rows.getLong(5)));
				}
			}
			try (ResultSet rows = statement.executeQuery("SELECT message_id FROM duplicate_deliveries")) {
				while (rows.next()) {
					this.duplicates.add(rows.getString(1));
				}
			}
		}
	}

	/**
	 * Checks every invariant, adds the scenario's row to the report, then fails on any
	 * broken one.
	 */
	void report() {
		Set<String> inTopic = this.letters.stream()
			.map((record) -> TopicRecords.header(record, "message-id"))
			.collect(Collectors.toCollection(LinkedHashSet::new));
		Set<String> applied = new LinkedHashSet<>();
		int appliedTwice = 0;
		for (Received row : this.received) {
			if (!applied.add(row.messageId())) {
				appliedTwice++;
			}
		}
		Set<String> expected = new LinkedHashSet<>(this.acknowledged);
		this.stored.forEach((messageId, status) -> {
			if (!"DISCARDED".equals(status)) {
				expected.add(messageId);
			}
		});
		expected.addAll(inTopic);
		Set<String> lost = difference(expected, applied);
		check(lost.isEmpty(), "%d letter(s) lost, e.g. %s", lost.size(), first(lost));
		check(appliedTwice == 0, "%d letter(s) applied twice", appliedTwice);
		Set<String> ackedNotWritten = difference(this.acknowledged, inTopic);
		check(ackedNotWritten.isEmpty(), "%d acknowledged letter(s) missing from the topic, e.g. %s",
				ackedNotWritten.size(), first(ackedNotWritten));
		Set<String> phantoms = difference(applied, inTopic);
		check(phantoms.isEmpty(), "%d applied letter(s) never written to the topic", phantoms.size());
		Set<String> duplicatesNotApplied = difference(new LinkedHashSet<>(this.duplicates), applied);
		check(duplicatesNotApplied.isEmpty(), "%d duplicate(s) of letters that were never applied",
				duplicatesNotApplied.size());
		long pending = this.stored.values().stream().filter("PENDING"::equals).count();
		check(pending == 0, "%d message(s) still PENDING after the heal", pending);
		check(!this.scenario.expectsNoDuplicates() || this.duplicates.isEmpty(),
				"%d duplicate deliveries where none were expected", this.duplicates.size());
		checkSequences();
		checkDeadLetters();
		Set<String> sent = new HashSet<>(this.acknowledged);
		sent.addAll(this.stored.keySet());
		String verdict = this.violations.isEmpty() ? "PASS" : "FAIL: " + String.join("; ", this.violations);
		this.scenario.markReported();
		ReliabilityReport.add(new ReliabilityReport.Row(this.scenario.name(), sent.size(), this.acknowledged.size(),
				this.received.size(), appliedTwice, this.duplicates.size(), this.deadLetters.size(), lost.size(),
				this.scenario.timeToHeal(), verdict));
		logger.info("{}: sent={} acknowledged={} stored={} in topic={} applied={} duplicates={} dead-lettered={} -> {}",
				this.scenario.name(), sent.size(), this.acknowledged.size(), this.stored.size(), this.letters.size(),
				this.received.size(), this.duplicates.size(), this.deadLetters.size(), verdict);
		if (!this.violations.isEmpty()) {
			throw new AssertionError(this.scenario.name() + ": " + verdict);
		}
	}

	/** Within each sequence, indexes 0..n-1, each once, applied in that order. */
	private void checkSequences() {
		Map<String, List<Integer>> bySequence = new LinkedHashMap<>();
		this.received.forEach(
				(row) -> bySequence.computeIfAbsent(row.sequenceId(), (key) -> new ArrayList<>()).add(row.index()));
		bySequence.forEach((sequenceId, indexes) -> {
			List<Integer> complete = IntStream.range(0, indexes.size()).boxed().toList();
			check(indexes.equals(complete), "sequence %s applied as %s instead of 0..%d in order", sequenceId, indexes,
					indexes.size() - 1);
		});
		check(!bySequence.isEmpty(), "nothing applied at all");
	}

	/**
	 * The dead-letter topic holds exactly the injected pills, bytes unchanged, on their
	 * original partitions.
	 */
	private void checkDeadLetters() {
		List<PoisonPill> pills = this.scenario.pills();
		check(this.deadLetters.size() == pills.size(), "%d dead letter(s) for %d poison pill(s)",
				this.deadLetters.size(), pills.size());
		for (PoisonPill pill : pills) {
			boolean found = this.deadLetters.stream()
				.anyMatch((record) -> record.partition() == pill.partition()
						&& Arrays.equals(record.value(), pill.value())
						&& String.valueOf(pill.offset()).equals(offsetHeader(record))
						&& TopicRecords.header(record, "kafka_dlt-exception-fqcn") != null);
			check(found, "poison pill '%s' (partition %d offset %d) not in the dead-letter topic as written",
					pill.kind(), pill.partition(), pill.offset());
		}
	}

	private static String offsetHeader(ConsumerRecord<byte[], byte[]> record) {
		Header header = record.headers().lastHeader("kafka_dlt-original-offset");
		return (header != null) ? String.valueOf(ByteBuffer.wrap(header.value()).getLong()) : null;
	}

	private void check(boolean condition, String format, Object... arguments) {
		if (!condition) {
			this.violations.add(String.format(format, arguments));
		}
	}

	private static Set<String> difference(Set<String> from, Set<String> without) {
		Set<String> difference = new LinkedHashSet<>(from);
		difference.removeAll(without);
		return difference;
	}

	private static String first(Set<String> values) {
		return values.isEmpty() ? "-" : values.iterator().next();
	}

	/**
	 * One row of {@code received_messages}, in the order the consumer applied them.
	 *
	 * @param messageId the message id
	 * @param sequenceId the sequence id
	 * @param index the letter's index in its sequence
	 * @param partition the partition it was read from
	 * @param offset the offset it was read from
	 */
	record Received(String messageId, String sequenceId, int index, int partition, long offset) {
	}

}
