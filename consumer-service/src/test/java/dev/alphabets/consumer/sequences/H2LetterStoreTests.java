package dev.alphabets.consumer.sequences;

import java.time.Instant;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Runs the store tests on H2 in PostgreSQL mode, the embedded default.
 */
class H2LetterStoreTests extends LetterStoreTestSupport {

	private static final String URL = "jdbc:h2:mem:letter-store;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
			+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

	@Override
	protected DataSource dataSource() {
		return new SimpleDriverDataSource(new org.h2.Driver(), URL, "sa", "");
	}

	/** H2 stores no instant beyond the year 999,999,999; Java reads one. */
	@Override
	protected ReceivedLetter refused(String sequenceId, int index, long offset) {
		ReceivedLetter letter = letter(sequenceId, index, offset);
		return new ReceivedLetter(letter.messageId(), sequenceId, index, letter.letter(), Instant.MAX, letter.topic(),
				letter.partition(), offset, letter.receivedAt());
	}

	@Override
	protected Flyway flyway(DataSource dataSource) {
		return Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration", "classpath:db/vendor/h2")
			.cleanDisabled(false)
			.load();
	}

}
