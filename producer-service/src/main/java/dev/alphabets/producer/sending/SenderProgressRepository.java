package dev.alphabets.producer.sending;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Keeps the sender's position durable, so a restart resumes at the first unacknowledged
 * letter.
 */
@Repository
class SenderProgressRepository {

	private final JdbcClient jdbc;

	SenderProgressRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Position> find(String senderId) {
		return this.jdbc.sql("SELECT sequence_id, next_index FROM sender_progress WHERE sender_id = :id")
			.param("id", senderId)
			.query((rs, row) -> new Position(rs.getString("sequence_id"), rs.getInt("next_index")))
			.optional();
	}

	void save(String senderId, Position position) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		int updated = this.jdbc
			.sql("UPDATE sender_progress SET sequence_id = :sequence, next_index = :index, updated_at = :now"
					+ " WHERE sender_id = :id")
			.param("sequence", position.sequenceId())
			.param("index", position.nextIndex())
			.param("now", now)
			.param("id", senderId)
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("INSERT INTO sender_progress (sender_id, sequence_id, next_index, updated_at)"
						+ " VALUES (:id, :sequence, :index, :now)")
				.param("id", senderId)
				.param("sequence", position.sequenceId())
				.param("index", position.nextIndex())
				.param("now", now)
				.update();
		}
	}

}
