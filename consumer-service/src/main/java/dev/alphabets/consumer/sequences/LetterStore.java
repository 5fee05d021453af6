package dev.alphabets.consumer.sequences;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores received letters keyed by message id, so that a redelivered letter is recognised
 * and never applied twice.
 */
@Component
public class LetterStore {

	private final JdbcClient jdbc;

	private final TransactionTemplate transaction;

	public LetterStore(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/**
	 * Stores the letter unless its message id is already stored; either way the outcome
	 * has committed when this method returns.
	 * @param letter the received letter
	 * @return whether it was applied, or a duplicate
	 */
	public StoreResult store(ReceivedLetter letter) {
		return this.transaction.execute((status) -> {
			int highest = this.jdbc
				.sql("SELECT COALESCE(MAX(letter_index), -1) FROM received_messages WHERE sequence_id = ?")
				.param(letter.sequenceId())
				.query(Integer.class)
				.single();
			int inserted = this.jdbc.sql("""
					INSERT INTO received_messages (message_id, sequence_id, letter_index, letter, sent_at,
						topic, kafka_partition, kafka_offset, received_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
					ON CONFLICT DO NOTHING""")
				.params(letter.messageId(), letter.sequenceId(), letter.index(), letter.letter(), utc(letter.sentAt()),
						letter.topic(), letter.partition(), letter.offset(), utc(letter.receivedAt()))
				.update();
			return (inserted == 1) ? new StoreResult.Applied(highest) : recordDuplicate(letter);
		});
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

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
