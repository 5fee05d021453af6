package dev.alphabets.consumer.sequences;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The store and its queries, run against each database this service supports.
 */
abstract class LetterStoreTestSupport {

	private static final Instant SENT = Instant.parse("2026-11-27T08:00:00.123Z");

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
		this.store = new LetterStore(new JdbcTemplate(dataSource), new DataSourceTransactionManager(dataSource));
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

		List<SequenceSummary> all = this.queries.summaries(false, null, null);
		assertThat(all).extracting(SequenceSummary::sequenceId).containsExactlyInAnyOrder(complete, incomplete);
		SequenceSummary summary = this.queries.summaries(true, null, null).get(0);
		assertThat(summary.sequenceId()).isEqualTo(incomplete);
		assertThat(summary.lettersReceived()).isEqualTo(2);
		assertThat(summary.missingIndexes()).startsWith(1, 3, 4).hasSize(24);
		assertThat(summary.complete()).isFalse();
		assertThat(this.queries.summaries(false, Instant.now().plusSeconds(60), null)).isEmpty();
		assertThat(this.queries.summaries(false, null, Instant.parse("2000-01-01T00:00:00Z"))).isEmpty();
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
		List<StoreResult> results = this.store.storeAll(List.of(letter(sequenceId, 0, 2), letter(sequenceId, 3, 3),
				letter(sequenceId, 1, 4), letter(sequenceId, 1, 5), letter(sequenceId, 4, 6)));
		assertThat(results).containsExactly(new StoreResult.Duplicate(1, 1), new StoreResult.Applied(0),
				new StoreResult.Applied(3), new StoreResult.Duplicate(1, 4), new StoreResult.Applied(3));
		SequenceDetail detail = this.queries.detail(sequenceId).orElseThrow();
		assertThat(detail.letters()).extracting(SequenceDetail.StoredLetter::offset).containsExactly(1L, 4L, 3L, 6L);
		assertThat(detail.summary().duplicateCount()).isEqualTo(2);
		assertThat(detail.summary().missingIndexes()).startsWith(2, 5);
	}

	@Test
	void storeAllShouldStoreNothingOfABatchWhenOneInsertFails() {
		String sequenceId = UUID.randomUUID().toString();
		ReceivedLetter tooLong = new ReceivedLetter("x".repeat(65), sequenceId, 1, "B", SENT, "alphabets", 1, 2,
				Instant.now());
		assertThatException().isThrownBy(() -> this.store.storeAll(List.of(letter(sequenceId, 0, 1), tooLong)));
		assertThat(this.queries.detail(sequenceId)).isEmpty();
	}

	private StoreResult store(ReceivedLetter letter) {
		List<StoreResult> results = this.store.storeAll(List.of(letter));
		assertThat(results).hasSize(1);
		return results.get(0);
	}

	private static ReceivedLetter letter(String sequenceId, int index, long offset) {
		String messageId = UUID.nameUUIDFromBytes((sequenceId + "/" + index).getBytes()).toString();
		return new ReceivedLetter(messageId, sequenceId, index, String.valueOf((char) ('A' + index)), SENT, "alphabets",
				1, offset, Instant.now());
	}

}
