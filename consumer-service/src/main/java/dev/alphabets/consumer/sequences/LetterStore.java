package dev.alphabets.consumer.sequences;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores received letters keyed by message id, so that a redelivered letter is recognised
 * and never applied twice. A whole poll is stored in one transaction with one batched
 * insert.
 */
@Component
public class LetterStore {

	private static final String INSERT = """
			INSERT INTO received_messages (message_id, sequence_id, letter_index, letter, sent_at,
				topic, kafka_partition, kafka_offset, received_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT DO NOTHING""";

	private final JdbcTemplate jdbcTemplate;

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	public LetterStore(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager) {
		this.jdbcTemplate = jdbcTemplate;
		this.jdbc = JdbcClient.create(jdbcTemplate);
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * Stores each letter whose message id is not stored yet, in the order given, in one
	 * transaction; every outcome has committed when this method returns, and none has if
	 * it throws.
	 * @param letters the received letters, in the order they were read
	 * @return for each letter, in the same order, whether it was applied or a duplicate
	 */
	public List<StoreResult> storeAll(List<ReceivedLetter> letters) {
		if (letters.isEmpty()) {
			return List.of();
		}
		return this.transaction.execute((status) -> {
			Map<String, Integer> highest = highestIndexes(letters);
			int[] inserted = this.jdbcTemplate.batchUpdate(INSERT, letters.stream().map(LetterStore::row).toList());
			List<StoreResult> results = new ArrayList<>(letters.size());
			for (int i = 0; i < letters.size(); i++) {
				ReceivedLetter letter = letters.get(i);
				if (inserted[i] == 1) {
					int before = highest.getOrDefault(letter.sequenceId(), -1);
					highest.put(letter.sequenceId(), Math.max(before, letter.index()));
					results.add(new StoreResult.Applied(before));
				}
				else if (inserted[i] == 0) {
					results.add(recordDuplicate(letter));
				}
				else {
					throw new IllegalStateException(
							"The driver reported " + inserted[i] + " rows for one insert; per-row counts are needed");
				}
			}
			return results;
		});
	}

	/**
	 * The highest index stored so far of each sequence the letters belong to.
	 */
	private Map<String, Integer> highestIndexes(List<ReceivedLetter> letters) {
		Set<String> sequenceIds = new LinkedHashSet<>();
		letters.forEach((letter) -> sequenceIds.add(letter.sequenceId()));
		Map<String, Integer> highest = new HashMap<>();
		this.jdbc.sql("""
				SELECT sequence_id, MAX(letter_index) FROM received_messages
				WHERE sequence_id IN (:sequenceIds) GROUP BY sequence_id""")
			.param("sequenceIds", sequenceIds)
			.query((rs) -> {
				highest.put(rs.getString(1), rs.getInt(2));
			});
		return highest;
	}

	private StoreResult recordDuplicate(ReceivedLetter letter) {
		this.jdbc.sql("""
				INSERT INTO duplicate_deliveries (message_id, sequence_id, kafka_partition, kafka_offset, received_at)
				VALUES (?, ?, ?, ?, ?)""")
			.params(letter.messageId(), letter.sequenceId(), letter.partition(), letter.offset(),
					utc(letter.receivedAt()))
			.update();
		return this.jdbc.sql("SELECT kafka_partition, kafka_offset FROM received_messages WHERE message_id = ?")
			.param(letter.messageId())
			.query((rs, row) -> new StoreResult.Duplicate(rs.getInt(1), rs.getLong(2)))
			.single();
	}

	private static Object[] row(ReceivedLetter letter) {
		return new Object[] { letter.messageId(), letter.sequenceId(), letter.index(), letter.letter(),
				utc(letter.sentAt()), letter.topic(), letter.partition(), letter.offset(), utc(letter.receivedAt()) };
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
