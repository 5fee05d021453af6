package dev.alphabets.reliability;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the suite finds the jars it starts and the directories it writes to; the build
 * passes them as system properties (see the module's pom).
 */
final class Jars {

	private Jars() {
	}

	static Path localKafka() {
		return existing("reliability.local-kafka-jar", "local-kafka");
	}

	static Path producer() {
		return existing("reliability.producer-jar", "producer-service");
	}

	static Path consumer() {
		return existing("reliability.consumer-jar", "consumer-service");
	}

	static Path workDirectory() {
		return Path.of(System.getProperty("reliability.work-dir", "target/reliability")).toAbsolutePath().normalize();
	}

	static Path report() {
		return Path.of(System.getProperty("reliability.report", "target/reliability-report.md"))
			.toAbsolutePath()
			.normalize();
	}

	private static Path existing(String property, String module) {
		String value = System.getProperty(property);
		Path jar = (value != null) ? Path.of(value).toAbsolutePath().normalize() : null;
		if (jar == null || !Files.isRegularFile(jar)) {
			throw new IllegalStateException("The " + module + " jar is missing (" + jar + "): build it first, e.g. "
					+ "./mvnw -B verify -Preliability -pl reliability-tests -am");
		}
		return jar;
	}

}
