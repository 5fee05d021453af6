package dev.alphabets.consumer.sequences;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import dev.alphabets.consumer.sequences.SequenceDetail.StoredLetter;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Read-only views of the stored sequences, computed from the database so that they
 * survive restarts and rebalances.
 */
@Component
class SequenceQueries {

	private static final String LETTERS = """
			SELECT letter_index, letter, message_id, sent_at, received_at, topic, kafka_partition, kafka_offset,
				sequence_id, trace_id
			FROM received_messages""";

	private final JdbcClient jdbc;

	SequenceQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One page of sequence summaries, aggregated by the database, oldest first.
	 * @param incompleteOnly only sequences that miss a letter
	 * @param from only sequences with a letter received at or after this instant
	 * @param to only sequences with a letter received before this instant
	 * @param limit the most summaries to return
	 * @param offset how many summaries to skip
	 * @return the page
	 */
	List<SequenceSummary> summaries(boolean incompleteOnly, Instant from, Instant to, int limit, long offset) {
		return this.jdbc.sql("""
				SELECT r.sequence_id, COUNT(DISTINCT r.letter_index) AS letters,
					SUM(DISTINCT CAST(POWER(2, r.letter_index) AS BIGINT)) AS mask,
					MIN(r.received_at) AS first_received, MAX(r.received_at) AS last_received,
					(SELECT COUNT(*) FROM duplicate_deliveries d WHERE d.sequence_id = r.sequence_id) AS duplicates
				FROM received_messages r
				GROUP BY r.sequence_id
				HAVING (:incompleteOnly = FALSE OR COUNT(DISTINCT r.letter_index) < 26)
					AND (CAST(:from AS TIMESTAMP WITH TIME ZONE) IS NULL OR MAX(r.received_at) >= :from)
					AND (CAST(:to AS TIMESTAMP WITH TIME ZONE) IS NULL OR MIN(r.received_at) < :to)
				ORDER BY first_received, r.sequence_id
				LIMIT :limit OFFSET :offset""")
			.param("incompleteOnly", incompleteOnly)
			.param("from", (from != null) ? LetterStore.utc(from) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("to", (to != null) ? LetterStore.utc(to) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("limit", limit)
			.param("offset", offset)
			.query((rs, row) -> SequenceSummary.of(rs.getString("sequence_id"), indexes(rs.getLong("mask")),
					rs.getLong("duplicates"), instant(rs, "first_received"), instant(rs, "last_received")))
			.list();
	}

	private static Set<Integer> indexes(long mask) {
		Set<Integer> indexes = new TreeSet<>();
		for (int index = 0; index < SequenceSummary.LETTERS; index++) {
			if ((mask & (1L << index)) != 0) {
				indexes.add(index);
			}
		}
		return indexes;
	}

	Optional<SequenceDetail> detail(String sequenceId) {
		List<StoredLetter> letters = this.jdbc.sql(LETTERS + " WHERE sequence_id = ? ORDER BY letter_index")
			.param(sequenceId)
			.query((rs, row) -> storedLetter(rs))
			.list();
		if (letters.isEmpty()) {
			return Optional.empty();
		}
		long duplicates = this.jdbc.sql("SELECT COUNT(*) FROM duplicate_deliveries WHERE sequence_id = ?")
			.param(sequenceId)
			.query(Long.class)
			.single();
		return Optional.of(new SequenceDetail(summary(sequenceId, letters, duplicates), letters));
	}

	private static SequenceSummary summary(String sequenceId, List<StoredLetter> letters, long duplicates) {
		TreeSet<Integer> indexes = new TreeSet<>();
		Instant first = Instant.MAX;
		Instant last = Instant.MIN;
		for (StoredLetter letter : letters) {
			indexes.add(letter.index());
			first = (letter.receivedAt().isBefore(first)) ? letter.receivedAt() : first;
			last = (letter.receivedAt().isAfter(last)) ? letter.receivedAt() : last;
		}
		return SequenceSummary.of(sequenceId, indexes, duplicates, first, last);
	}

	private static StoredLetter storedLetter(ResultSet rs) throws SQLException {
		return new StoredLetter(rs.getInt("letter_index"), rs.getString("letter"), rs.getString("message_id"),
				instant(rs, "sent_at"), instant(rs, "received_at"), rs.getString("topic"), rs.getInt("kafka_partition"),
				rs.getLong("kafka_offset"), rs.getString("trace_id"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
