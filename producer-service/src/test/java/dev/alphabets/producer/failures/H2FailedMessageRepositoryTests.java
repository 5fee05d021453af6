package dev.alphabets.producer.failures;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The failed-message store on H2 in PostgreSQL mode, the embedded default.
 */
class H2FailedMessageRepositoryTests extends FailedMessageRepositoryContractTests {

	private final DataSource dataSource = new DriverManagerDataSource(
			"jdbc:h2:mem:store-tests;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
			"sa", "");

	@Override
	protected DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	protected String schema() {
		return "public";
	}

}
