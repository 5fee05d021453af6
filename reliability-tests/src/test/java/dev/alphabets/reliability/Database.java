package dev.alphabets.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services' databases: one PostgreSQL schema per service and scenario when PostgreSQL
 * answers on 127.0.0.1:5432 (as in CI), one H2 file under {@code target/} otherwise.
 */
final class Database {

	private static final Logger logger = LoggerFactory.getLogger(Database.class);

	private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String USER = "postgres";

	private final boolean postgres;

	private final String prefix;

	private final Path directory;

	private final List<String> schemas = new CopyOnWriteArrayList<>();

	private Database(boolean postgres, String prefix, Path directory) {
		this.postgres = postgres;
		this.prefix = prefix;
		this.directory = directory;
	}

	static Database detect(String runId, Path directory) {
		boolean postgres = !"h2".equalsIgnoreCase(System.getProperty("reliability.database")) && postgresAnswers();
		logger.info("Services store their data in {}", postgres ? "PostgreSQL at 127.0.0.1:5432" : "H2 files");
		return new Database(postgres, "reliability_" + runId, directory);
	}

	private static boolean postgresAnswers() {
		DriverManager.setLoginTimeout(3);
		try (Connection connection = DriverManager.getConnection(POSTGRES, USER, "")) {
			return connection.isValid(3);
		}
		catch (SQLException ex) {
			logger.info("PostgreSQL does not answer on 127.0.0.1:5432 ({}): using H2", ex.getMessage());
			return false;
		}
	}

	String kind() {
		return this.postgres ? "PostgreSQL" : "H2";
	}

	/** The command-line settings that point a service at its own, fresh database. */
	List<String> serviceArguments(String name) {
		List<String> arguments = new ArrayList<>();
		arguments.add("--spring.datasource.url=" + url(name));
		arguments.add("--spring.datasource.username=" + (this.postgres ? USER : "sa"));
		arguments.add("--spring.datasource.password=");
		arguments.add("--spring.datasource.hikari.maximum-pool-size=4");
		if (this.postgres) {
			arguments.add("--spring.flyway.schemas=" + schema(name));
			arguments.add("--spring.flyway.create-schemas=true");
			this.schemas.add(schema(name));
		}
		return arguments;
	}

	Connection connect(String name) throws SQLException {
		return DriverManager.getConnection(url(name), this.postgres ? USER : "sa", "");
	}

	private String url(String name) {
		if (this.postgres) {
			return POSTGRES + "?currentSchema=" + schema(name);
		}
		// AUTO_SERVER lets the suite read the file while the service holds it open.
		return "jdbc:h2:file:" + this.directory.resolve(name) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
				+ ";DEFAULT_NULL_ORDERING=HIGH;AUTO_SERVER=TRUE;WRITE_DELAY=0";
	}

	private String schema(String name) {
		return (this.prefix + "_" + name).toLowerCase().replaceAll("[^a-z0-9_]", "_");
	}

	/** Drops the PostgreSQL schemas of this run; H2 files stay under target/. */
	void dropAll() {
		if (!this.postgres || this.schemas.isEmpty()) {
			return;
		}
		try (Connection connection = DriverManager.getConnection(POSTGRES, USER, "");
				Statement statement = connection.createStatement()) {
			for (String schema : this.schemas) {
				statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
			}
			this.schemas.clear();
		}
		catch (SQLException ex) {
			logger.warn("Could not drop the schemas of this run: {}", ex.getMessage());
		}
	}

}
