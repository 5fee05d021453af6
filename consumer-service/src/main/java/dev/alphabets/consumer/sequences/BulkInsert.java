package dev.alphabets.consumer.sequences;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inserts a whole poll's letters in one statement, one array per column, and learns from
 * the same round trip which message ids were new: PostgreSQL through
 * {@code INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING RETURNING}, H2 through
 * the same insert inside {@code SELECT ... FROM FINAL TABLE (...)}.
 */
final class BulkInsert {

	private static final String COLUMNS = """
			received_messages (message_id, sequence_id, letter_index, letter, sent_at, topic, kafka_partition,
				kafka_offset, trace_id, received_at)""";

	// The poll's receipt time is one parameter, and sent_at travels as epoch
	// microseconds:
	// PostgreSQL spent ~1.5 us parsing each ISO-8601 text, to_timestamp ~0.2 us.
	private static final String POSTGRESQL = "INSERT INTO " + COLUMNS + """

			SELECT m, s, i, l, to_timestamp(sa / 1e6::float8), t, p, o, tr, ?::timestamptz
			FROM unnest(?::varchar[], ?::varchar[], ?::int[], ?::varchar[], ?::bigint[], ?::varchar[], ?::int[],
				?::bigint[], ?::varchar[]) AS u(m, s, i, l, sa, t, p, o, tr)
			ON CONFLICT DO NOTHING RETURNING message_id""";

	private static final String H2 = "SELECT message_id FROM FINAL TABLE (INSERT INTO " + COLUMNS + """

			SELECT u.*, CAST(? AS TIMESTAMP WITH TIME ZONE) FROM UNNEST(?, ?, ?, ?, ?, ?, ?, ?, ?) u
			ON CONFLICT DO NOTHING)""";

	private final JdbcTemplate jdbcTemplate;

	private final boolean postgresql;

	BulkInsert(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
		String product = jdbcTemplate
			.execute((ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName());
		this.postgresql = "PostgreSQL".equalsIgnoreCase(product);
	}

	/**
	 * Inserts the letters whose message id is not stored yet.
	 * @param letters the letters, in the order they were read, all received at the same
	 * time (one poll)
	 * @return the message ids that were inserted (of a message id that occurs twice, the
	 * first occurrence)
	 */
	Set<String> insert(List<ReceivedLetter> letters) {
		if (letters.isEmpty()) {
			return Set.of();
		}
		return this.jdbcTemplate.execute((ConnectionCallback<Set<String>>) (connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(this.postgresql ? POSTGRESQL : H2)) {
				bind(connection, statement, letters);
				Set<String> inserted = new HashSet<>();
				try (ResultSet rs = statement.executeQuery()) {
					while (rs.next()) {
						inserted.add(rs.getString(1));
					}
				}
				return inserted;
			}
		});
	}

	private void bind(Connection connection, PreparedStatement statement, List<ReceivedLetter> letters)
			throws SQLException {
		statement.setObject(1, LetterStore.utc(letters.get(0).receivedAt()));
		statement.setArray(2, array(connection, "varchar", letters, String[]::new, ReceivedLetter::messageId));
		statement.setArray(3, array(connection, "varchar", letters, String[]::new, ReceivedLetter::sequenceId));
		statement.setArray(4, array(connection, "int4", letters, Integer[]::new, ReceivedLetter::index));
		statement.setArray(5, array(connection, "varchar", letters, String[]::new, ReceivedLetter::letter));
		statement.setArray(6,
				this.postgresql ? array(connection, "int8", letters, Long[]::new, (letter) -> micros(letter.sentAt()))
						: array(connection, "timestamp with time zone", letters, OffsetDateTime[]::new,
								(letter) -> LetterStore.utc(letter.sentAt())));
		statement.setArray(7, array(connection, "varchar", letters, String[]::new, ReceivedLetter::topic));
		statement.setArray(8, array(connection, "int4", letters, Integer[]::new, ReceivedLetter::partition));
		statement.setArray(9, array(connection, "int8", letters, Long[]::new, ReceivedLetter::offset));
		statement.setArray(10, array(connection, "varchar", letters, String[]::new, ReceivedLetter::traceId));
	}

	/** Microseconds since the epoch: PostgreSQL keeps no finer precision. */
	private static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
	}

	private static <T> Array array(Connection connection, String type, List<ReceivedLetter> letters,
			IntFunction<T[]> arrays, Function<ReceivedLetter, T> column) throws SQLException {
		T[] values = arrays.apply(letters.size());
		for (int i = 0; i < values.length; i++) {
			values[i] = column.apply(letters.get(i));
		}
		return connection.createArrayOf(type, values);
	}

}
