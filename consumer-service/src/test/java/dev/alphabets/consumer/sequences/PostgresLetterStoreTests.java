package dev.alphabets.consumer.sequences;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

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

	@Override
	protected Flyway flyway(DataSource dataSource) {
		return Flyway.configure()
			.dataSource(dataSource)
			.schemas(SCHEMA)
			.createSchemas(true)
			.cleanDisabled(false)
			.load();
	}

}
