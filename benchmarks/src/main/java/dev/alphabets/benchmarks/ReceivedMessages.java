package dev.alphabets.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the consumer-service committed to {@code received_messages}, after it has
 * stopped (an H2 file admits one process at a time).
 */
final class ReceivedMessages {

	/**
	 * One committed letter's times, in epoch microseconds.
	 *
	 * @param sentAt when the producer built it (millisecond precision)
	 * @param receivedAt when the listener stored it, just before its transaction
	 * committed
	 */
	record Row(long sentAt, long receivedAt) {
	}

	private ReceivedMessages() {
	}

	static String h2Url(java.nio.file.Path directory) {
		return "jdbc:h2:file:" + directory.resolve("consumer")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
	}

	static List<Row> read(String url, String user) {
		List<Row> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(url, user, "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT sent_at, received_at FROM received_messages")) {
			while (result.next()) {
				rows.add(new Row(micros(result.getObject(1, OffsetDateTime.class)),
						micros(result.getObject(2, OffsetDateTime.class))));
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read received_messages from " + url, ex);
		}
		return rows;
	}

	/**
	 * Letters per second from the first poll's transaction to the last one's, which
	 * leaves the service's start and group join out. All letters of a poll may share one
	 * {@code received_at}: the span covers every poll but the last, so the last one's
	 * letters are not counted.
	 * @return the rate, or NaN if every letter came in one poll
	 */
	static double appliedPerSecond(List<Row> rows) {
		long first = rows.stream().mapToLong(Row::receivedAt).min().orElse(0);
		long last = rows.stream().mapToLong(Row::receivedAt).max().orElse(0);
		long inLastPoll = rows.stream().filter((row) -> row.receivedAt() == last).count();
		return (last > first) ? (rows.size() - inLastPoll) / ((last - first) / 1e6) : Double.NaN;
	}

	static boolean postgresAnswers(String url) {
		DriverManager.setLoginTimeout(3);
		try (Connection connection = DriverManager.getConnection(url)) {
			return connection.isValid(3);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	static void dropSchema(String url, String schema) {
		try (Connection connection = DriverManager.getConnection(url);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not drop schema " + schema, ex);
		}
	}

	private static long micros(OffsetDateTime time) {
		return time.toEpochSecond() * 1_000_000 + time.getNano() / 1_000;
	}

}
