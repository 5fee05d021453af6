package dev.alphabets.producer.failures;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

import dev.alphabets.producer.sending.Delivery;
import dev.alphabets.producer.sending.Letter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The durable, searchable store of messages the broker did not acknowledge, with an audit
 * trail of what happened to each.
 */
@Repository
public class FailedMessageRepository {

	private static final String COLUMNS = "id, message_id, sequence_id, message_index, letter, topic, payload, status,"
			+ " reason, exception_class, attempts, created_at, updated_at, delivered_partition, delivered_offset";

	private final JdbcClient jdbc;

	public FailedMessageRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stores a failed attempt: a new entry, or one more attempt on the message's open
	 * entry.
	 * @param letter the letter that was not acknowledged
	 * @param topic its topic
	 * @param payload its JSON value
	 * @param status {@code PENDING} or {@code FAILED}
	 * @param reason the error, readable
	 * @param exceptionClass the error's class
	 * @return the entry
	 */
	@Transactional
	public FailedMessage recordFailure(Letter letter, String topic, String payload, FailedMessageStatus status,
			String reason, String exceptionClass) {
		String shortReason = truncate(reason);
		Map<String, Object> params = new HashMap<>();
		params.put("messageId", letter.messageId());
		params.put("sequenceId", letter.sequenceId());
		params.put("index", letter.index());
		params.put("letter", letter.letter());
		params.put("topic", topic);
		params.put("payload", payload);
		params.put("status", status.name());
		params.put("reason", shortReason);
		params.put("exception", exceptionClass);
		params.put("now", now());
		int updated = this.jdbc
			.sql("UPDATE failed_messages SET status = :status, reason = :reason, exception_class = :exception,"
					+ " payload = :payload, attempts = attempts + 1, updated_at = :now"
					+ " WHERE message_id = :messageId AND status IN ('PENDING', 'FAILED')")
			.params(params)
			.update();
		if (updated == 0) {
			this.jdbc.sql("INSERT INTO failed_messages (message_id, sequence_id, message_index, letter, topic, payload,"
					+ " status, reason, exception_class, attempts, created_at, updated_at) VALUES (:messageId, :sequenceId,"
					+ " :index, :letter, :topic, :payload, :status, :reason, :exception, 1, :now, :now)"
					+ " ON CONFLICT DO NOTHING")
				.params(params)
				.update();
		}
		FailedMessage stored = findByMessageId(letter.messageId()).orElseThrow();
		if (updated == 0) {
			audit(stored.id(), "STORED", "sender", status + ": " + shortReason);
		}
		return stored;
	}

	/**
	 * Marks the message's open entry, if it has one, as delivered.
	 * @param messageId the message
	 * @param delivery where the broker stored it
	 * @param actor who delivered it
	 * @param action the audit action, such as {@code DELIVERED} or {@code REPLAYED}
	 * @return the entry, if the message had an open one
	 */
	@Transactional
	public Optional<FailedMessage> markDelivered(String messageId, Delivery delivery, String actor, String action) {
		int updated = this.jdbc
			.sql("UPDATE failed_messages SET status = 'DELIVERED', delivered_partition = :partition,"
					+ " delivered_offset = :offset, updated_at = :now"
					+ " WHERE message_id = :messageId AND status IN ('PENDING', 'FAILED')")
			.param("partition", delivery.partition())
			.param("offset", delivery.offset())
			.param("now", now())
			.param("messageId", messageId)
			.update();
		if (updated == 0) {
			return Optional.empty();
		}
		FailedMessage delivered = findByMessageId(messageId).orElseThrow();
		audit(delivered.id(), action, actor, "partition " + delivery.partition() + " offset " + delivery.offset());
		return Optional.of(delivered);
	}

	/**
	 * Gives a message up, keeping the entry and recording who did it.
	 * @param id the entry
	 * @param actor the operator
	 * @return whether a {@code FAILED} entry was discarded
	 */
	@Transactional
	public boolean discard(long id, String actor) {
		int updated = this.jdbc.sql(
				"UPDATE failed_messages SET status = 'DISCARDED', updated_at = :now WHERE id = :id AND status = 'FAILED'")
			.param("now", now())
			.param("id", id)
			.update();
		if (updated == 1) {
			audit(id, "DISCARDED", actor, "discarded by an operator");
		}
		return updated == 1;
	}

	/**
	 * Records something that happened to an entry.
	 * @param id the entry
	 * @param action what happened
	 * @param actor who did it
	 * @param detail more about it
	 */
	public void audit(long id, String action, String actor, String detail) {
		this.jdbc
			.sql("INSERT INTO failed_message_audit (failed_message_id, action, actor, detail, occurred_at)"
					+ " VALUES (:id, :action, :actor, :detail, :now)")
			.param("id", id)
			.param("action", action)
			.param("actor", actor)
			.param("detail", truncate(detail))
			.param("now", now())
			.update();
	}

	public Optional<FailedMessage> findById(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM failed_messages WHERE id = :id")
			.param("id", id)
			.query(FailedMessageRepository::map)
			.optional();
	}

	public Optional<FailedMessage> findByMessageId(String messageId) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM failed_messages WHERE message_id = :messageId")
			.param("messageId", messageId)
			.query(FailedMessageRepository::map)
			.optional();
	}

	public List<AuditEntry> auditTrail(long id) {
		return this.jdbc
			.sql("SELECT action, actor, detail, occurred_at FROM failed_message_audit WHERE failed_message_id = :id"
					+ " ORDER BY id")
			.param("id", id)
			.query((rs, row) -> new AuditEntry(rs.getString("action"), rs.getString("actor"), rs.getString("detail"),
					instant(rs, "occurred_at")))
			.list();
	}

	public List<FailedMessage> search(FailedMessageQuery query) {
		StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM failed_messages WHERE 1 = 1");
		Map<String, Object> params = new HashMap<>();
		if (query.status() != null) {
			sql.append(" AND status = :status");
			params.put("status", query.status().name());
		}
		if (query.from() != null) {
			sql.append(" AND created_at >= :from");
			params.put("from", query.from().atOffset(ZoneOffset.UTC));
		}
		if (query.to() != null) {
			sql.append(" AND created_at < :to");
			params.put("to", query.to().atOffset(ZoneOffset.UTC));
		}
		if (query.text() != null && !query.text().isBlank()) {
			sql.append(" AND (LOWER(message_id) LIKE :text OR LOWER(sequence_id) LIKE :text OR LOWER(letter) LIKE :text"
					+ " OR LOWER(reason) LIKE :text OR LOWER(exception_class) LIKE :text)");
			params.put("text", "%" + query.text().toLowerCase(Locale.ROOT) + "%");
		}
		sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(query.limit());
		return this.jdbc.sql(sql.toString()).params(params).query(FailedMessageRepository::map).list();
	}

	public long countByStatus(FailedMessageStatus status) {
		return this.jdbc.sql("SELECT COUNT(*) FROM failed_messages WHERE status = :status")
			.param("status", status.name())
			.query(Long.class)
			.single();
	}

	private static FailedMessage map(ResultSet rs, int row) throws SQLException {
		return new FailedMessage(rs.getLong("id"), rs.getString("message_id"), rs.getString("sequence_id"),
				rs.getInt("message_index"), rs.getString("letter"), rs.getString("topic"), rs.getString("payload"),
				FailedMessageStatus.valueOf(rs.getString("status")), rs.getString("reason"),
				rs.getString("exception_class"), rs.getInt("attempts"), instant(rs, "created_at"),
				instant(rs, "updated_at"), rs.getObject("delivered_partition", Integer.class),
				rs.getObject("delivered_offset", Long.class));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC);
	}

	private static String truncate(String text) {
		return (text != null && text.length() > 2000) ? text.substring(0, 2000) : text;
	}

}
