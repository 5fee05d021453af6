package dev.alphabets.consumer.sequences;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import dev.alphabets.consumer.Delivery;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.entry;

/**
 * The store and its queries, run against each database this service supports.
 */
abstract class LetterStoreTestSupport {

	private static final String GROUP = "alphabet-consumer";

	protected static final Instant SENT = Instant.parse("2026-11-27T08:00:00.123Z");

	private LetterStore store;

	private SequenceQueries queries;

	protected abstract DataSource dataSource();

	protected abstract Flyway flyway(DataSource dataSource);

	@BeforeEach
	void cleanDatabase() {
		DataSource dataSource = dataSource();
		Flyway flyway = flyway(dataSource);
		flyway.clean();
		flyway.migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		this.store = new LetterStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource),
				Delivery.EXACTLY_ONCE);
		this.queries = new SequenceQueries(jdbc);
	}

	@Test
	void storeWhenTheMessageIdIsNewShouldApplyIt() {
		String sequenceId = UUID.randomUUID().toString();
		assertThat(store(letter(sequenceId, 0, 7))).isEqualTo(new StoreResult.Applied(-1));
		assertThat(store(letter(sequenceId, 1, 8))).isEqualTo(new StoreResult.Applied(0));
	}

	@Test
	void storeWhenTheMessageIdIsStoredShouldReportADuplicateOfTheFirstCopy() {
		String sequenceId = UUID.randomUUID().toString();
		store(letter(sequenceId, 0, 7));
		assertThat(store(letter(sequenceId, 0, 9))).isEqualTo(new StoreResult.Duplicate(1, 7));
		SequenceDetail detail = this.queries.detail(sequenceId).orElseThrow();
		assertThat(detail.letters()).extracting(SequenceDetail.StoredLetter::offset).containsExactly(7L);
		assertThat(detail.summary().duplicateCount()).isEqualTo(1);
	}

	@Test
	void atLeastOnceARedeliveredPollIsAppliedAgainAndCountedWithoutAStoredPosition() {
		DataSource dataSource = dataSource();
		LetterStore atLeastOnce = new LetterStore(new JdbcTemplate(dataSource),
				new DataSourceTransactionManager(dataSource), Delivery.AT_LEAST_ONCE);
		String sequenceId = UUID.randomUUID().toString();
		List<PolledPartition> partitions = List.of(new PolledPartition("alphabets", 1, 30, 32));
		List<ReceivedLetter> poll = List.of(letter(sequenceId, 0, 30), letter(sequenceId, 1, 31));
		assertThat(atLeastOnce.store(GROUP, partitions, poll, (outcome) -> {
		}).results()).containsExactly(new StoreResult.Applied(-1), new StoreResult.Applied(0));
		// The same poll again, and within it a re-sent copy of letter 1.
		List<ReceivedLetter> again = List.of(letter(sequenceId, 0, 30), letter(sequenceId, 1, 31),
				letter(sequenceId, 1, 32));
		assertThat(atLeastOnce.store(GROUP, List.of(new PolledPartition("alphabets", 1, 30, 33)), again, (outcome) -> {
		}).results()).containsExactly(new StoreResult.AppliedAgain(), new StoreResult.AppliedAgain(),
				new StoreResult.AppliedAgain());
		JdbcClient jdbc = JdbcClient.create(dataSource);
		assertThat(jdbc
			.sql("SELECT letter_index, applied_count FROM received_messages WHERE sequence_id = ? "
					+ "ORDER BY letter_index")
			.param(sequenceId)
			.query((rs, row) -> rs.getInt(1) + ":" + rs.getInt(2))
			.list()).containsExactly("0:2", "1:3");
		assertThat(this.queries.detail(sequenceId).orElseThrow().summary().duplicateCount()).isZero();
		assertThat(atLeastOnce.offsets().read(GROUP, "alphabets", List.of(1))).isEmpty();
	}

	@Test
	void storeWhenALaterIndexIsStoredShouldReportTheHighestIndexBefore() {
		String sequenceId = UUID.randomUUID().toString();
		store(letter(sequenceId, 0, 1));
		StoreResult.Applied gap = (StoreResult.Applied) store(letter(sequenceId, 3, 2));
		StoreResult.Applied late = (StoreResult.Applied) store(letter(sequenceId, 1, 3));
		assertThat(gap.gapBefore(3)).isEqualTo(2);
		assertThat(gap.outOfOrder(3)).isFalse();
		assertThat(late.outOfOrder(1)).isTrue();
		assertThat(late.gapBefore(1)).isZero();
	}

	@Test
	void summariesShouldTellCompleteFromIncompleteSequences() {
		String complete = UUID.randomUUID().toString();
		String incomplete = UUID.randomUUID().toString();
		for (int index = 0; index < 26; index++) {
			store(letter(complete, index, index));
		}
		store(letter(incomplete, 0, 100));
		store(letter(incomplete, 2, 101));

		List<SequenceSummary> all = this.queries.summaries(false, null, null, 100, 0);
		assertThat(all).extracting(SequenceSummary::sequenceId).containsExactlyInAnyOrder(complete, incomplete);
		SequenceSummary summary = this.queries.summaries(true, null, null, 100, 0).get(0);
		assertThat(summary.sequenceId()).isEqualTo(incomplete);
		assertThat(summary.lettersReceived()).isEqualTo(2);
		assertThat(summary.missingIndexes()).startsWith(1, 3, 4).hasSize(24);
		assertThat(summary.complete()).isFalse();
		assertThat(this.queries.summaries(false, Instant.now().plusSeconds(60), null, 100, 0)).isEmpty();
		assertThat(this.queries.summaries(false, null, Instant.parse("2000-01-01T00:00:00Z"), 100, 0)).isEmpty();
	}

	@Test
	void summariesShouldBePagedOldestFirst() {
		List<String> sequences = new java.util.ArrayList<>();
		for (int i = 0; i < 5; i++) {
			String sequenceId = UUID.randomUUID().toString();
			sequences.add(sequenceId);
			store(letter(sequenceId, 0, i));
		}
		List<SequenceSummary> first = this.queries.summaries(false, null, null, 2, 0);
		List<SequenceSummary> second = this.queries.summaries(false, null, null, 2, 2);
		List<SequenceSummary> last = this.queries.summaries(false, null, null, 2, 4);
		assertThat(first).hasSize(2);
		assertThat(second).hasSize(2);
		assertThat(last).hasSize(1);
		List<String> all = new java.util.ArrayList<>();
		for (List<SequenceSummary> page : List.of(first, second, last)) {
			page.forEach((summary) -> all.add(summary.sequenceId()));
		}
		assertThat(all).containsExactlyInAnyOrderElementsOf(sequences);
	}

	@Test
	void detailShouldListTheLettersInIndexOrderWithTheirCoordinates() {
		String sequenceId = UUID.randomUUID().toString();
		store(letter(sequenceId, 1, 5));
		store(letter(sequenceId, 0, 6));
		SequenceDetail detail = this.queries.detail(sequenceId).orElseThrow();
		assertThat(detail.letters()).extracting(SequenceDetail.StoredLetter::letter).containsExactly("A", "B");
		SequenceDetail.StoredLetter first = detail.letters().get(0);
		assertThat(first.partition()).isEqualTo(1);
		assertThat(first.offset()).isEqualTo(6);
		assertThat(first.topic()).isEqualTo("alphabets");
		assertThat(first.sentAt()).isEqualTo(SENT);
		assertThat(this.queries.detail("unknown")).isEmpty();
	}

	@Test
	void storeAllShouldJudgeEachLetterOfABatchInOrderAgainstTheStoreAndTheLettersBeforeIt() {
		String sequenceId = UUID.randomUUID().toString();
		store(letter(sequenceId, 0, 1));
		List<StoreResult> results = storeAll(List.of(letter(sequenceId, 0, 2), letter(sequenceId, 3, 3),
				letter(sequenceId, 1, 4), letter(sequenceId, 1, 5), letter(sequenceId, 4, 6)));
		assertThat(results).containsExactly(new StoreResult.Duplicate(1, 1), new StoreResult.Applied(0),
				new StoreResult.Applied(3), new StoreResult.Duplicate(1, 4), new StoreResult.Applied(3));
		SequenceDetail detail = this.queries.detail(sequenceId).orElseThrow();
		assertThat(detail.letters()).extracting(SequenceDetail.StoredLetter::offset).containsExactly(1L, 4L, 3L, 6L);
		assertThat(detail.summary().duplicateCount()).isEqualTo(2);
		assertThat(detail.summary().missingIndexes()).startsWith(2, 5);
	}

	@Test
	void storeShouldStoreNothingOfAPollWhenOneInsertFails() {
		String sequenceId = UUID.randomUUID().toString();
		ReceivedLetter refused = refused(sequenceId, 1, 2);
		assertThatException().isThrownBy(() -> storeAll(List.of(letter(sequenceId, 0, 1), refused)));
		assertThat(this.queries.detail(sequenceId)).isEmpty();
		assertThat(this.store.offsets().read(GROUP, "alphabets", List.of(1))).isEmpty();
	}

	@Test
	void storeOneByOneShouldRejectOnlyTheLetterTheDatabaseRefusesAndStoreTheOthers() {
		String sequenceId = UUID.randomUUID().toString();
		List<ReceivedLetter> letters = List.of(letter(sequenceId, 0, 10), letter(sequenceId, 1, 11),
				refused(sequenceId, 2, 12), letter(sequenceId, 3, 13), letter(sequenceId, 4, 14));
		PollOutcome outcome = this.store.storeOneByOne(GROUP, List.of(new PolledPartition("alphabets", 1, 10, 15)),
				letters, (poll) -> {
				});
		assertThat(outcome.results()).hasSize(5);
		assertThat(outcome.results().get(2)).isInstanceOf(StoreResult.Rejected.class);
		assertThat(outcome.results()).element(3).isEqualTo(new StoreResult.Applied(1));
		assertThat(this.queries.detail(sequenceId).orElseThrow().letters())
			.extracting(SequenceDetail.StoredLetter::offset)
			.containsExactly(10L, 11L, 13L, 14L);
		assertThat(this.store.offsets().read(GROUP, "alphabets", List.of(1))).containsEntry(1, 15L);
	}

	@Test
	void storeShouldMoveThePositionWithTheLettersAndSkipWhatLiesBeforeIt() {
		String sequenceId = UUID.randomUUID().toString();
		PollOutcome first = this.store.store(GROUP, List.of(new PolledPartition("alphabets", 2, 20, 22)),
				List.of(letter(sequenceId, 0, 2, 20), letter(sequenceId, 1, 2, 21)), (poll) -> {
				});
		assertThat(first.storedPositions()).isEmpty();
		assertThat(this.store.offsets().read(GROUP, "alphabets", List.of(2))).containsEntry(2, 22L);
		// Kafka redelivers from 20 (its committed offset lagged): 20 and 21 are skipped
		// without reaching the duplicate check, 22 is applied.
		PollOutcome again = this.store.store(GROUP, List.of(new PolledPartition("alphabets", 2, 20, 23)),
				List.of(letter(sequenceId, 0, 2, 20), letter(sequenceId, 1, 2, 21), letter(sequenceId, 2, 2, 22)),
				(poll) -> {
				});
		assertThat(again.results()).containsExactly(new StoreResult.AlreadyApplied(), new StoreResult.AlreadyApplied(),
				new StoreResult.Applied(1));
		assertThat(again.handledBefore("alphabets", 2, 21)).isTrue();
		assertThat(again.handledBefore("alphabets", 2, 22)).isFalse();
		assertThat(this.queries.detail(sequenceId).orElseThrow().summary().duplicateCount()).isZero();
		assertThat(this.store.offsets().read(GROUP, "alphabets", List.of(2, 3))).containsExactly(entry(2, 23L));
	}

	@Test
	void aPositionOfAnEarlierTopicOfTheSameNameIsForgottenOnAssignment() {
		String before = UUID.randomUUID().toString();
		this.store.offsets().belongTo(GROUP, "alphabets", "old-topic-id");
		this.store.store(GROUP, List.of(new PolledPartition("alphabets", 2, 20, 22)),
				List.of(letter(before, 0, 2, 20), letter(before, 1, 2, 21)), (poll) -> {
				});
		assertThat(this.store.offsets().belongTo(GROUP, "alphabets", "old-topic-id")).isZero();
		assertThat(this.store.offsets().read(GROUP, "alphabets", List.of(2))).containsEntry(2, 22L);
		assertThat(this.store.offsets().belongTo(GROUP, "alphabets", "new-topic-id")).isOne();
		assertThat(this.store.offsets().read(GROUP, "alphabets", List.of(2))).isEmpty();
	}

	@Test
	void aPollBeforeThePositionOfAnEarlierTopicOfTheSameNameIsAppliedNotSkipped() {
		String before = UUID.randomUUID().toString();
		String after = UUID.randomUUID().toString();
		this.store.offsets().belongTo(GROUP, "alphabets", "old-topic-id");
		this.store.store(GROUP, List.of(new PolledPartition("alphabets", 2, 20, 22)),
				List.of(letter(before, 0, 2, 20), letter(before, 1, 2, 21)), (poll) -> {
				});
		// The topic was created again under the running consumer, which Kafka reset to
		// the new topic's start: offsets 0 and 1 are new letters.
		this.store.offsets().lookUpTopicIdsWith((topic) -> "new-topic-id");
		PollOutcome outcome = this.store.store(GROUP, List.of(new PolledPartition("alphabets", 2, 0, 2)),
				List.of(letter(after, 0, 2, 0), letter(after, 1, 2, 1)), (poll) -> {
				});
		assertThat(outcome.results()).containsExactly(new StoreResult.Applied(-1), new StoreResult.Applied(0));
		assertThat(this.store.offsets().read(GROUP, "alphabets", List.of(2))).containsEntry(2, 2L);
		assertThat(this.queries.detail(after).orElseThrow().letters()).hasSize(2);
	}

	@Test
	void aPollBeforeThePositionOfTheSameTopicIsSkippedAsApplied() {
		String sequenceId = UUID.randomUUID().toString();
		this.store.offsets().belongTo(GROUP, "alphabets", "topic-id");
		this.store.offsets().lookUpTopicIdsWith((topic) -> "topic-id");
		this.store.store(GROUP, List.of(new PolledPartition("alphabets", 2, 20, 22)),
				List.of(letter(sequenceId, 0, 2, 20), letter(sequenceId, 1, 2, 21)), (poll) -> {
				});
		PollOutcome again = this.store.store(GROUP, List.of(new PolledPartition("alphabets", 2, 21, 22)),
				List.of(letter(sequenceId, 1, 2, 21)), (poll) -> {
				});
		assertThat(again.results()).containsExactly(new StoreResult.AlreadyApplied());
		assertThat(this.store.offsets().read(GROUP, "alphabets", List.of(2))).containsEntry(2, 22L);
	}

	@Test
	void aFailedPollLeavesThePositionWhereItWas() {
		String sequenceId = UUID.randomUUID().toString();
		storeAll(List.of(letter(sequenceId, 0, 2, 5)));
		assertThatException().isThrownBy(() -> this.store.store(GROUP,
				List.of(new PolledPartition("alphabets", 2, 6, 7)), List.of(letter(sequenceId, 1, 2, 6)), (poll) -> {
					throw new IllegalStateException("dead letter refused");
				}));
		assertThat(this.store.offsets().read(GROUP, "alphabets", List.of(2))).containsEntry(2, 6L);
		assertThat(this.queries.detail(sequenceId).orElseThrow().letters()).hasSize(1);
	}

	protected LetterStore store() {
		return this.store;
	}

	/** A letter that passes every contract check but that the database cannot store. */
	protected abstract ReceivedLetter refused(String sequenceId, int index, long offset);

	private List<StoreResult> storeAll(List<ReceivedLetter> letters) {
		Map<Integer, long[]> ranges = new LinkedHashMap<>();
		for (ReceivedLetter letter : letters) {
			ranges.merge(letter.partition(), new long[] { letter.offset(), letter.offset() + 1 },
					(a, b) -> new long[] { Math.min(a[0], b[0]), Math.max(a[1], b[1]) });
		}
		List<PolledPartition> partitions = ranges.entrySet()
			.stream()
			.map((e) -> new PolledPartition("alphabets", e.getKey(), e.getValue()[0], e.getValue()[1]))
			.toList();
		return this.store.store(GROUP, partitions, letters, (poll) -> {
		}).results();
	}

	private StoreResult store(ReceivedLetter letter) {
		// Each letter as a poll of its own partition, so that positions never skip it.
		List<StoreResult> results = this.store.store(GROUP, List.of(), List.of(letter), (poll) -> {
		}).results();
		assertThat(results).hasSize(1);
		return results.get(0);
	}

	protected static ReceivedLetter letter(String sequenceId, int index, long offset) {
		return letter(sequenceId, index, 1, offset);
	}

	protected static ReceivedLetter letter(String sequenceId, int index, int partition, long offset) {
		String messageId = UUID.nameUUIDFromBytes((sequenceId + "/" + index).getBytes()).toString();
		return new ReceivedLetter(messageId, sequenceId, index, String.valueOf((char) ('A' + index)), SENT, "alphabets",
				partition, offset, Instant.now());
	}

}
