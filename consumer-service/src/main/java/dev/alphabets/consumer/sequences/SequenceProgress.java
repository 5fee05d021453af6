package dev.alphabets.consumer.sequences;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The highest stored index of the sequences seen lately, so that the order and gap checks
 * of a poll query the database only for the sequences this instance has not seen since
 * its last rebalance.
 */
final class SequenceProgress {

	private static final int CAPACITY = 10_000;

	private final JdbcClient jdbc;

	private final Map<String, Integer> highest = new LinkedHashMap<>(256, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
			return size() > CAPACITY;
		}

	};

	SequenceProgress(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The highest index stored of each sequence, from memory or, for those not in memory,
	 * from one query; call it before the poll's letters are inserted.
	 */
	Map<String, Integer> highestIndexes(Collection<ReceivedLetter> letters) {
		Set<String> sequenceIds = letters.stream().map(ReceivedLetter::sequenceId).collect(Collectors.toSet());
		Map<String, Integer> known = new HashMap<>();
		synchronized (this.highest) {
			for (String sequenceId : sequenceIds) {
				Integer index = this.highest.get(sequenceId);
				if (index != null) {
					known.put(sequenceId, index);
				}
			}
		}
		List<String> unknown = sequenceIds.stream().filter((id) -> !known.containsKey(id)).toList();
		if (!unknown.isEmpty()) {
			this.jdbc.sql("""
					SELECT sequence_id, MAX(letter_index) FROM received_messages
					WHERE sequence_id IN (:sequenceIds) GROUP BY sequence_id""")
				.param("sequenceIds", unknown)
				.query((rs) -> {
					known.put(rs.getString(1), rs.getInt(2));
				});
		}
		return known;
	}

	/** Remembers the highest indexes of a poll that has committed. */
	void committed(Map<String, Integer> highestIndexes) {
		synchronized (this.highest) {
			this.highest.putAll(highestIndexes);
		}
	}

	/**
	 * Forgets everything: after a rebalance another instance may have stored letters of
	 * the same sequences.
	 */
	void forget() {
		synchronized (this.highest) {
			this.highest.clear();
		}
	}

}
