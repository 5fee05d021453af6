package dev.alphabets.producer;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the whole application the way a process would, so tests can stop and start it
 * again on the same database.
 */
public final class TestApplications {

	private TestApplications() {
	}

	/**
	 * Starts the application against a broker and a named in-memory database that
	 * outlives the context, as a file or server database outlives a process.
	 * @param bootstrapServers the broker
	 * @param database the database name
	 * @param properties more properties, {@code name=value}
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(String bootstrapServers, String database, String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + bootstrapServers,
				"server.port=0", "spring.main.banner-mode=off", "spring.datasource.url=jdbc:h2:mem:" + database
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"));
		all.addAll(List.of(properties));
		// Command-line arguments, because default properties would lose to
		// application.yml.
		return new SpringApplicationBuilder(ProducerApplication.class)
			.run(all.stream().map((property) -> "--" + property).toArray(String[]::new));
	}

}
