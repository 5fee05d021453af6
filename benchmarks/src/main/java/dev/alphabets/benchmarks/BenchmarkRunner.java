package dev.alphabets.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one local-kafka broker, runs each pair of measurements against it a few times,
 * and writes {@code benchmark-report.md} and {@code benchmark-report.json}.
 */
public final class BenchmarkRunner {

	private static final Logger logger = LoggerFactory.getLogger(BenchmarkRunner.class);

	private BenchmarkRunner() {
	}

	public static void main(String[] args) throws IOException {
		Settings settings = Settings.parse(args);
		deleteRecursively(settings.work());
		Files.createDirectories(settings.logs());
		Files.createDirectories(settings.jar("producer-service").getParent());
		for (String service : List.of("producer-service", "consumer-service")) {
			Files.copy(settings.builtJar(service), settings.jar(service));
		}
		Results results = new Results();
		String machine = machine();
		int failures = 0;
		logger.info("Benchmark on {} (smoke={}), logs in {}", machine, settings.smoke(), settings.logs());
		try (Broker broker = Broker.start(settings)) {
			logger.info("Broker ready on {}", broker.bootstrapServers());
			PerfTools tools = new PerfTools(settings.logs());
			ProduceBenchmark produce = new ProduceBenchmark(settings, broker, tools, results);
			ConsumeBenchmark consume = new ConsumeBenchmark(settings, broker, tools, results);
			EndToEndBenchmark endToEnd = new EndToEndBenchmark(settings, broker, results);
			for (int run = 1; run <= settings.repetitions(); run++) {
				int repetition = run;
				if (settings.runs("produce")) {
					logger.info("Repetition {}/{}: produce", repetition, settings.repetitions());
					failures += attempt(results, "produce", repetition, () -> produce.run(repetition));
				}
				if (settings.runs("consume")) {
					logger.info("Repetition {}/{}: consume", repetition, settings.repetitions());
					failures += attempt(results, "consume", repetition, () -> consume.run(repetition));
				}
				if (settings.runs("e2e")) {
					logger.info("Repetition {}/{}: end to end", repetition, settings.repetitions());
					failures += attempt(results, "end to end", repetition, () -> endToEnd.run(repetition));
				}
			}
		}
		results.note("Fail-over (three brokers, kill -9 of the leader) is not measured yet.");
		results.note("The machine is shared: load average " + loadAverage() + " at the end of the run.");
		Report report = new Report(settings, results, machine);
		Path directory = settings.work().getParent();
		report.write(directory);
		// The report is this tool's output, not a log event.
		System.out.println(report.markdown());
		logger.info("Wrote {} and {}", directory.resolve("benchmark-report.md"),
				directory.resolve("benchmark-report.json"));
		if (failures > 0) {
			// The report keeps the other numbers; the build (and the CI smoke run) still
			// fails.
			logger.error("{} measurement(s) failed, see the notes in the report", failures);
			System.exit(1);
		}
	}

	/**
	 * Runs one measurement; a failure is noted in the report instead of losing the
	 * others' numbers.
	 */
	private static int attempt(Results results, String name, int repetition, Runnable measurement) {
		try {
			measurement.run();
			return 0;
		}
		catch (RuntimeException ex) {
			logger.error("{} (repetition {}) failed", name, repetition, ex);
			results.note(name + " (repetition " + repetition + ") failed: " + ex.getMessage());
			return 1;
		}
	}

	private static String machine() {
		String cpu = "unknown CPU";
		long memoryKiB = 0;
		String load = "";
		try {
			cpu = Files.readAllLines(Path.of("/proc/cpuinfo"))
				.stream()
				.filter((line) -> line.startsWith("model name"))
				.map((line) -> line.substring(line.indexOf(':') + 1).strip())
				.findFirst()
				.orElse(cpu);
			memoryKiB = Files.readAllLines(Path.of("/proc/meminfo"))
				.stream()
				.filter((line) -> line.startsWith("MemTotal:"))
				.mapToLong((line) -> Long.parseLong(line.replaceAll("[^0-9]", "")))
				.findFirst()
				.orElse(0);
			load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException ex) {
			logger.debug("No /proc", ex);
		}
		return String.format(Locale.ROOT, "%s, %d cores, %.0f GiB RAM, %s %s, Java %s, load average %s at start", cpu,
				Runtime.getRuntime().availableProcessors(), memoryKiB / 1024.0 / 1024.0, System.getProperty("os.name"),
				System.getProperty("os.version"), System.getProperty("java.version"), load);
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static void deleteRecursively(Path directory) throws IOException {
		if (!Files.exists(directory)) {
			return;
		}
		try (var paths = Files.walk(directory)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.delete(path);
			}
		}
	}

}
