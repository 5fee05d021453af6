package dev.alphabets.consumer.sequences;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At-least-once and at-most-once: a letter whose message id is stored already is applied
 * again, which {@code applied_count} counts (the upsert
 * {@code ON CONFLICT (message_id) DO UPDATE SET applied_count = applied_count + 1}, as an
 * update of the rows the poll's one insert did not write); runs only for polls that have
 * such letters.
 */
final class Reapplications implements Redeliveries {

	private final JdbcTemplate jdbcTemplate;

	Reapplications(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	@Override
	public void record(List<ReceivedLetter> letters, List<Integer> positions, StoreResult[] outcome) {
		if (positions.isEmpty()) {
			return;
		}
		this.jdbcTemplate.batchUpdate(
				"UPDATE received_messages SET applied_count = applied_count + 1 WHERE message_id = ?", positions,
				positions.size(), (statement, i) -> statement.setString(1, letters.get(i).messageId()));
		for (int i : positions) {
			outcome[i] = new StoreResult.AppliedAgain();
		}
	}

}
