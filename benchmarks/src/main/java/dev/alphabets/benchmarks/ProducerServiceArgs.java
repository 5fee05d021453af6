package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments every producer-service of a run starts with.
 */
final class ProducerServiceArgs {

	private ProducerServiceArgs() {
	}

	/**
	 * @param settings the run's settings: the sender's window and the client settings
	 * under test (see {@link Settings#producerServiceArgs()})
	 * @param bootstrapServers the brokers
	 * @param topic its topic; the dead-letter topic is named after it
	 * @param interval {@code alphabet.sender.interval}, such as {@code 0ms}
	 * @param data the directory of its H2 database
	 * @return the arguments
	 */
	static List<String> of(Settings settings, String bootstrapServers, String topic, String interval, Path data) {
		List<String> arguments = new ArrayList<>(List.of("--spring.kafka.bootstrap-servers=" + bootstrapServers,
				"--alphabet.topic=" + topic, "--alphabet.dead-letter-topic=" + topic + "-dlt",
				"--alphabet.sender.interval=" + interval,
				"--spring.datasource.url=jdbc:h2:file:" + data.resolve("producer")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"));
		arguments.addAll(settings.producerServiceArgs());
		return arguments;
	}

}
