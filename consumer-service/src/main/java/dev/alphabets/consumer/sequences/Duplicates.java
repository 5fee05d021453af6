package dev.alphabets.consumer.sequences;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Exactly-once: records the re-sent letters of a poll in {@code duplicate_deliveries} and
 * finds where their stored copies were read from, applying nothing again; runs only for
 * polls that have duplicates.
 */
final class Duplicates implements Redeliveries {

	private final JdbcClient jdbc;

	Duplicates(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void record(List<ReceivedLetter> letters, List<Integer> positions, StoreResult[] outcome) {
		if (positions.isEmpty()) {
			return;
		}
		List<String> messageIds = positions.stream().map((i) -> letters.get(i).messageId()).distinct().toList();
		Map<String, StoreResult.Duplicate> stored = new HashMap<>();
		this.jdbc
			.sql("SELECT message_id, kafka_partition, kafka_offset FROM received_messages "
					+ "WHERE message_id IN (:messageIds)")
			.param("messageIds", messageIds)
			.query((rs) -> {
				stored.put(rs.getString(1), new StoreResult.Duplicate(rs.getInt(2), rs.getLong(3)));
			});
		for (int i : positions) {
			ReceivedLetter letter = letters.get(i);
			this.jdbc
				.sql("""
						INSERT INTO duplicate_deliveries (message_id, sequence_id, kafka_partition, kafka_offset, received_at)
						VALUES (?, ?, ?, ?, ?)""")
				.params(letter.messageId(), letter.sequenceId(), letter.partition(), letter.offset(),
						LetterStore.utc(letter.receivedAt()))
				.update();
			outcome[i] = stored.get(letter.messageId());
		}
	}

}
