package dev.alphabets.producer.failures;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The failed-message store on PostgreSQL, run when a server answers on 127.0.0.1:5432 (CI
 * has one) and skipped with a message otherwise. {@code PRODUCER_TEST_POSTGRES_URL},
 * {@code _USER} and {@code _PASSWORD} point it elsewhere.
 */
class PostgresFailedMessageRepositoryTests extends FailedMessageRepositoryContractTests {

	private static final String URL = env("PRODUCER_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test")
			+ "?currentSchema=producer_store_tests";

	private final DataSource dataSource = new DriverManagerDataSource(URL,
			env("PRODUCER_TEST_POSTGRES_USER", "postgres"), env("PRODUCER_TEST_POSTGRES_PASSWORD", ""));

	@BeforeAll
	static void requirePostgres() {
		Assumptions.assumeTrue(answers("127.0.0.1", 5432) || !URL.contains("127.0.0.1:5432"),
				"PostgreSQL does not answer on 127.0.0.1:5432: skipping the PostgreSQL store tests");
	}

	@Override
	protected DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	protected String schema() {
		return "producer_store_tests";
	}

	private static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

}
