package dev.alphabets.consumer.sequences;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
				sequence_id
			FROM received_messages""";

	private final JdbcClient jdbc;

	SequenceQueries(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	List<SequenceSummary> summaries(boolean incompleteOnly, Instant from, Instant to) {
		Map<String, List<StoredLetter>> bySequence = new LinkedHashMap<>();
		this.jdbc.sql(LETTERS + " ORDER BY sequence_id, letter_index").query((rs) -> {
			bySequence.computeIfAbsent(rs.getString("sequence_id"), (id) -> new ArrayList<>()).add(storedLetter(rs));
		});
		Map<String, Long> duplicates = new HashMap<>();
		this.jdbc.sql("SELECT sequence_id, COUNT(*) FROM duplicate_deliveries GROUP BY sequence_id").query((rs) -> {
			duplicates.put(rs.getString(1), rs.getLong(2));
		});
		return bySequence.entrySet()
			.stream()
			.map((entry) -> summary(entry.getKey(), entry.getValue(), duplicates.getOrDefault(entry.getKey(), 0L)))
			.filter((summary) -> !incompleteOnly || !summary.complete())
			.filter((summary) -> summary.overlaps(from, to))
			.sorted(Comparator.comparing(SequenceSummary::firstReceivedAt))
			.toList();
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
				rs.getLong("kafka_offset"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

}
