package dev.alphabets.reliability;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.alphabets.reliability.Truth.Received;
import dev.alphabets.testsupport.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The invariants of a scenario checked against its truth and its delivery models'
 * promise: what the promise allows is counted, what it does not is a violation.
 */
final class Invariants {

	private final Truth truth;

	private final Promise promise;

	private final List<String> violations = new ArrayList<>();

	private final Counts counts;

	Invariants(Truth truth, ScenarioSettings settings, List<PoisonPill> pills) {
		this.truth = truth;
		this.promise = settings.models().promise();
		List<String> inTopicOrder = truth.letters()
			.stream()
			.map((record) -> TopicRecords.header(record, "message-id"))
			.toList();
		Set<String> inTopic = new LinkedHashSet<>();
		Set<String> twiceInTopic = new LinkedHashSet<>();
		inTopicOrder.forEach((messageId) -> {
			if (!inTopic.add(messageId)) {
				twiceInTopic.add(messageId);
			}
		});
		int topicCopies = inTopicOrder.size() - inTopic.size();
		Set<String> applied = new LinkedHashSet<>();
		int appliedTwice = 0;
		for (Received row : truth.received()) {
			if (!applied.add(row.messageId()) || row.appliedCount() > 1) {
				appliedTwice++;
			}
		}
		Set<String> expected = new LinkedHashSet<>(truth.acknowledged());
		truth.stored().forEach((messageId, status) -> {
			if (!"DISCARDED".equals(status)) {
				expected.add(messageId);
			}
		});
		expected.addAll(inTopic);
		Set<String> lost = difference(expected, applied);
		check(this.promise.mayLose() || lost.isEmpty(), "%d letter(s) lost, e.g. %s", lost.size(), first(lost));
		Set<String> ackedNotWritten = difference(truth.acknowledged(), inTopic);
		check(this.promise.mayLose() || ackedNotWritten.isEmpty(),
				"%d acknowledged letter(s) missing from the topic, e.g. %s", ackedNotWritten.size(),
				first(ackedNotWritten));
		check(this.promise.mayApplyTwice() || appliedTwice == 0, "%d letter(s) applied twice", appliedTwice);
		// A re-sent letter is usually both: a second copy in the topic, and a duplicate
		// the consumer recognised. It is one letter delivered twice.
		Set<String> deliveredTwiceIds = new LinkedHashSet<>(truth.duplicates());
		deliveredTwiceIds.addAll(twiceInTopic);
		int deliveredTwice = deliveredTwiceIds.size();
		check(this.promise.mayDeliverTwice() || deliveredTwice == 0, "%d letter(s) delivered twice", deliveredTwice);
		check(!this.promise.topicHoldsEachIdOnce() || topicCopies == 0,
				"%d second cop(ies) of a messageId committed to the topic", topicCopies);
		check(!settings.expectsNoDuplicates() || truth.duplicates().isEmpty(),
				"%d duplicate deliveries where none were expected", truth.duplicates().size());
		Set<String> phantoms = difference(applied, inTopic);
		check(phantoms.isEmpty(), "%d applied letter(s) never written to the topic", phantoms.size());
		Set<String> duplicatesNotApplied = difference(new LinkedHashSet<>(truth.duplicates()), applied);
		check(duplicatesNotApplied.isEmpty(), "%d duplicate(s) of letters that were never applied",
				duplicatesNotApplied.size());
		long pending = truth.stored().values().stream().filter("PENDING"::equals).count();
		check(pending == 0, "%d message(s) still PENDING after the heal", pending);
		int orderBreaks = checkSequences();
		checkDeadLetters(pills);
		Set<String> sent = new LinkedHashSet<>(truth.acknowledged());
		sent.addAll(truth.stored().keySet());
		this.counts = new Counts(sent.size(), truth.acknowledged().size(), truth.received().size(), appliedTwice,
				truth.duplicates().size(), deliveredTwice, truth.deadLetters().size(), lost.size(), orderBreaks);
	}

	Counts counts() {
		return this.counts;
	}

	List<String> violations() {
		return this.violations;
	}

	/**
	 * Within each sequence the letters are applied in index order; where nothing may be
	 * lost, indexes 0..n-1 each once.
	 * @return the number of sequences applied out of order
	 */
	private int checkSequences() {
		Map<String, List<Integer>> bySequence = new LinkedHashMap<>();
		this.truth.received()
			.forEach(
					(row) -> bySequence.computeIfAbsent(row.sequenceId(), (key) -> new ArrayList<>()).add(row.index()));
		int breaks = 0;
		for (Map.Entry<String, List<Integer>> sequence : bySequence.entrySet()) {
			List<Integer> indexes = sequence.getValue();
			boolean ordered = IntStream.range(1, indexes.size()).allMatch((i) -> indexes.get(i - 1) < indexes.get(i));
			if (!ordered) {
				breaks++;
			}
			List<Integer> complete = IntStream.range(0, indexes.size()).boxed().toList();
			check(ordered && (this.promise.mayLose() || indexes.equals(complete)),
					"sequence %s applied as %s instead of 0..%d in order", sequence.getKey(), indexes,
					indexes.size() - 1);
		}
		check(!bySequence.isEmpty(), "nothing applied at all");
		return breaks;
	}

	/**
	 * The dead-letter topic holds exactly the injected pills, bytes unchanged, on their
	 * original partitions.
	 */
	private void checkDeadLetters(List<PoisonPill> pills) {
		List<ConsumerRecord<byte[], byte[]>> deadLetters = this.truth.deadLetters();
		check(deadLetters.size() == pills.size(), "%d dead letter(s) for %d poison pill(s)", deadLetters.size(),
				pills.size());
		for (PoisonPill pill : pills) {
			boolean found = deadLetters.stream()
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
		return from.stream()
			.filter((value) -> !without.contains(value))
			.collect(Collectors.toCollection(LinkedHashSet::new));
	}

	private static String first(Set<String> values) {
		return values.isEmpty() ? "-" : values.iterator().next();
	}

	/**
	 * What a scenario counted.
	 *
	 * @param sent distinct letters the producer tried to send
	 * @param acknowledged distinct letters the broker acknowledged
	 * @param applied rows in {@code received_messages}
	 * @param appliedTwice letters applied more than once
	 * @param duplicates redeliveries recognised and counted instead of applied
	 * @param deliveredTwice distinct letters the consumer recognised as duplicates or the
	 * topic holds more than once
	 * @param deadLettered records in the dead-letter topic
	 * @param lost letters acknowledged, stored or written but never applied
	 * @param orderBreaks sequences applied out of index order
	 */
	record Counts(int sent, int acknowledged, int applied, int appliedTwice, int duplicates, int deliveredTwice,
			int deadLettered, int lost, int orderBreaks) {

		static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0, 0);

	}

}
