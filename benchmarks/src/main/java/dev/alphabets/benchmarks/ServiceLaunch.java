package dev.alphabets.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.alphabets.testsupport.Jvm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the services' JVMs start: which {@code java}, which JVM options, and whether from
 * the Boot jar or from its extracted form with an ahead-of-time cache (Java 25 and later)
 * or a CDS archive (earlier), trained by this run as Spring Boot's documentation
 * describes. Start-up work of the services themselves is measured just by building them.
 *
 * @param java the {@code java} executable of the services
 * @param jvmArgs extra JVM options for both services; {@code {service}} stands for the
 * module name
 * @param aot whether to extract each jar and start it with a cache of its own training
 * run
 */
record ServiceLaunch(Path java, List<String> jvmArgs, boolean aot) {

	private static final Logger logger = LoggerFactory.getLogger(ServiceLaunch.class);

	/**
	 * The JVM options the services run with in their images and in {@code run-local.sh}
	 * (README, "Both services: memory"), so that the benchmark measures what users run;
	 * the heap is {@code service-heap}, and {@code service-jvm-args} come after these
	 * (another collector needs {@code -XX:-UseSerialGC} first).
	 */
	static final List<String> USER_JVM_OPTIONS = List.of("-XX:+UseSerialGC");

	/**
	 * glibc's malloc arenas, as the images and {@code run-local.sh} set them: two instead
	 * of up to eight per core.
	 */
	static final String MALLOC_ARENA_MAX = "MALLOC_ARENA_MAX=2";

	static ServiceLaunch parse(Map<String, String> values) {
		String java = values.get("service-java");
		String jvmArgs = values.get("service-jvm-args");
		return new ServiceLaunch(
				(java != null && !java.isBlank()) ? Path.of(java).toAbsolutePath()
						: Path.of(System.getProperty("java.home"), "bin", "java"),
				(jvmArgs != null && !jvmArgs.isBlank()) ? List.of(jvmArgs.strip().split("\\s+")) : List.of(),
				Boolean.parseBoolean(values.getOrDefault("service-aot", "false")));
	}

	/**
	 * The command up to the application's own arguments: the environment, {@code java},
	 * the JVM options and the jar.
	 */
	List<String> command(Settings settings, String service) {
		// Through env, which execs java: the process (its pid, its peak RSS) is the JVM.
		List<String> command = new ArrayList<>(List.of("env", MALLOC_ARENA_MAX, this.java.toString()));
		command.addAll(USER_JVM_OPTIONS);
		command.add("-Xmx" + settings.serviceHeap());
		this.jvmArgs.forEach((arg) -> command.add(arg.replace("{service}", service)));
		if (this.aot) {
			command.add((javaRelease() >= 25) ? "-XX:AOTCache=" + cache(settings, service)
					: "-XX:SharedArchiveFile=" + cache(settings, service));
		}
		command.add("-jar");
		command.add((this.aot ? extracted(settings, service) : settings.jar(service)).toString());
		return command;
	}

	/**
	 * With {@code service-aot=true}: extracts each service jar and lets it start once
	 * against the broker, exiting when its context has refreshed, to write its cache
	 * (once a run).
	 */
	void prepare(Settings settings, String bootstrapServers) {
		if (!this.aot) {
			return;
		}
		List<String> services = new ArrayList<>(List.of("producer-service", "consumer-service"));
		if (settings.hasBaselineProducer()) {
			services.add(Settings.BASELINE_PRODUCER);
		}
		for (String service : services) {
			if (Files.exists(cache(settings, service))) {
				continue;
			}
			Path directory = settings.jar(service).resolveSibling(service);
			Jvm.run(this.java, settings.logs().resolve(service + "-extract.log"), settings.serviceHeap(),
					List.of("-Djarmode=tools", "-jar", settings.jar(service).toString(), "extract", "--destination",
							directory.toString()),
					120);
			Path cache = cache(settings, service);
			List<String> training = new ArrayList<>(USER_JVM_OPTIONS);
			this.jvmArgs.forEach((arg) -> training.add(arg.replace("{service}", service)));
			training.add((javaRelease() >= 25) ? "-XX:AOTCacheOutput=" + cache : "-XX:ArchiveClassesAtExit=" + cache);
			training.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", extracted(settings, service).toString(),
					"--server.port=0", "--spring.kafka.bootstrap-servers=" + bootstrapServers,
					"--alphabet.topic=aot-training", "--alphabet.dead-letter-topic=aot-training-dlt",
					"--spring.datasource.url=" + ReceivedMessages.h2Url(settings.work().resolve("aot-" + service))));
			Jvm.run(this.java, settings.logs().resolve(service + "-training.log"), settings.serviceHeap(), training,
					300);
			if (!Files.exists(cache)) {
				throw new IllegalStateException("The training run wrote no " + cache + ", see " + settings.logs());
			}
			logger.info("{}: {} written by a training run", service, cache.getFileName());
		}
	}

	/**
	 * What the report says about the services' JVMs.
	 */
	String describe() {
		return "services run by " + this.java + " (Java " + javaRelease() + ") with " + MALLOC_ARENA_MAX + " "
				+ String.join(" ", USER_JVM_OPTIONS)
				+ (this.jvmArgs.isEmpty() ? "" : " " + String.join(" ", this.jvmArgs))
				+ (this.aot ? ", extracted, with the " + ((javaRelease() >= 25) ? "AOT cache" : "CDS archive")
						+ " of a training run" : ", from the Boot jar");
	}

	private static Path extracted(Settings settings, String service) {
		return settings.jar(service).resolveSibling(service).resolve(service + ".jar");
	}

	private Path cache(Settings settings, String service) {
		return settings.jar(service).resolveSibling(service + ((javaRelease() >= 25) ? ".aot" : ".jsa"));
	}

	/**
	 * The feature release of the services' Java, from its {@code release} file.
	 */
	int javaRelease() {
		Path release = this.java;
		try {
			release = this.java.toRealPath().getParent().getParent().resolve("release");
			for (String line : Files.readAllLines(release)) {
				if (line.startsWith("JAVA_VERSION=")) {
					String version = line.substring(line.indexOf('"') + 1, line.lastIndexOf('"'));
					String feature = version.startsWith("1.") ? version.split("\\.")[1] : version.split("[.+-]")[0];
					return Integer.parseInt(feature);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No release file next to " + this.java, ex);
		}
		throw new IllegalStateException("No JAVA_VERSION in " + release);
	}

}
