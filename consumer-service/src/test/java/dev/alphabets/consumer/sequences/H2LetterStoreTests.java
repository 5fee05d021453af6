package dev.alphabets.consumer.sequences;

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

	@Override
	protected Flyway flyway(DataSource dataSource) {
		return Flyway.configure().dataSource(dataSource).cleanDisabled(false).load();
	}

}
