package dev.alphabets.consumer.sequences;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the store tests on PostgreSQL at 127.0.0.1:5432, in a schema of their own; they
 * are skipped when nothing answers there.
 */
class PostgresLetterStoreTests extends LetterStoreTestSupport {

	private static final String SCHEMA = "consumer_test";

	private static final String URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + SCHEMA;

	@BeforeAll
	static void requirePostgres() {
		assumeTrue(answers(), "PostgreSQL is not reachable at 127.0.0.1:5432: skipping the PostgreSQL store tests");
	}

	private static boolean answers() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 5432), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	protected DataSource dataSource() {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), URL, "postgres", "");
	}

	/** PostgreSQL stores no NUL character in text. */
	@Override
	protected ReceivedLetter refused(String sequenceId, int index, long offset) {
		ReceivedLetter letter = letter(sequenceId, index, offset);
		return new ReceivedLetter(letter.messageId().substring(0, 30) + "\u0000", sequenceId, index, letter.letter(),
				letter.sentAt(), letter.topic(), letter.partition(), offset, letter.receivedAt());
	}

	@Test
	void storeOneByOneShouldRejectASentAtBeyondTheRangeOfTimestampsAlone() {
		String sequenceId = UUID.randomUUID().toString();
		ReceivedLetter valid = letter(sequenceId, 0, 3, 40);
		ReceivedLetter farFuture = new ReceivedLetter(letter(sequenceId, 1, 3, 41).messageId(), sequenceId, 1, "B",
				Instant.parse("+300000-01-01T00:00:00Z"), "alphabets", 3, 41, Instant.now());
		PollOutcome outcome = store().storeOneByOne("alphabet-consumer",
				List.of(new PolledPartition("alphabets", 3, 40, 42)), List.of(valid, farFuture), (poll) -> {
				});
		assertThat(outcome.results().get(0)).isEqualTo(new StoreResult.Applied(-1));
		assertThat(outcome.results().get(1)).isInstanceOf(StoreResult.Rejected.class);
	}

	@Test
	void idsShouldCompareAsBytes() {
		assertThat(JdbcClient.create(dataSource())
			.sql("""
					SELECT table_name || '.' || column_name || '=' || collation_name FROM information_schema.columns
					WHERE table_schema = ? AND column_name IN ('message_id', 'sequence_id') ORDER BY 1""")
			.param(SCHEMA)
			.query(String.class)
			.list()).containsExactly("duplicate_deliveries.message_id=C", "duplicate_deliveries.sequence_id=C",
					"received_messages.message_id=C", "received_messages.sequence_id=C");
	}

	@Override
	protected Flyway flyway(DataSource dataSource) {
		return Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration", "classpath:db/vendor/postgresql")
			.schemas(SCHEMA)
			.createSchemas(true)
			.cleanDisabled(false)
			.load();
	}

}
