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
				kafka_offset, received_at, trace_id)""";

	private static final String POSTGRESQL = "INSERT INTO " + COLUMNS + """

			SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::int[], ?::varchar[], ?::timestamptz[], ?::varchar[],
				?::int[], ?::bigint[], ?::timestamptz[], ?::varchar[])
			ON CONFLICT DO NOTHING RETURNING message_id""";

	private static final String H2 = "SELECT message_id FROM FINAL TABLE (INSERT INTO " + COLUMNS + """

			SELECT * FROM UNNEST(?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING)""";

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
	 * @param letters the letters, in the order they were read
	 * @return the message ids that were inserted (of a message id that occurs twice, the
	 * first occurrence)
	 */
	Set<String> insert(List<ReceivedLetter> letters) {
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
		statement.setArray(1, array(connection, "varchar", letters, String[]::new, ReceivedLetter::messageId));
		statement.setArray(2, array(connection, "varchar", letters, String[]::new, ReceivedLetter::sequenceId));
		statement.setArray(3, array(connection, "int4", letters, Integer[]::new, ReceivedLetter::index));
		statement.setArray(4, array(connection, "varchar", letters, String[]::new, ReceivedLetter::letter));
		statement.setArray(5, timestamps(connection, letters, ReceivedLetter::sentAt));
		statement.setArray(6, array(connection, "varchar", letters, String[]::new, ReceivedLetter::topic));
		statement.setArray(7, array(connection, "int4", letters, Integer[]::new, ReceivedLetter::partition));
		statement.setArray(8, array(connection, "int8", letters, Long[]::new, ReceivedLetter::offset));
		statement.setArray(9, timestamps(connection, letters, ReceivedLetter::receivedAt));
		statement.setArray(10, array(connection, "varchar", letters, String[]::new, ReceivedLetter::traceId));
	}

	private Array timestamps(Connection connection, List<ReceivedLetter> letters,
			Function<ReceivedLetter, Instant> column) throws SQLException {
		// PostgreSQL's driver has no array of OffsetDateTime: ISO-8601 text, cast in SQL.
		return this.postgresql
				? array(connection, "text", letters, String[]::new, (letter) -> column.apply(letter).toString())
				: array(connection, "timestamp with time zone", letters, OffsetDateTime[]::new,
						(letter) -> LetterStore.utc(column.apply(letter)));
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
