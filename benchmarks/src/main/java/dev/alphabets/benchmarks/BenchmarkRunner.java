package dev.alphabets.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts one local-kafka broker and runs each pair of measurements against it a few
 * times, then the fail-over pair on a three-node cluster, and writes
 * {@code benchmark-report.md} and {@code benchmark-report.json}.
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
		if (!settings.consumerBaselineJar().isBlank()) {
			Files.copy(Path.of(settings.consumerBaselineJar()), settings.jar(ConsumeBenchmark.BASELINE));
		}
		if (settings.hasBaselineProducer()) {
			Files.copy(Path.of(settings.baselineProducerJar()), settings.jar(Settings.BASELINE_PRODUCER));
		}
		Results results = new Results();
		String machine = Machine.describe();
		int failures = 0;
		logger.info("Benchmark on {} (smoke={}, {}), logs in {}", machine, settings.smoke(), settings.protocol(),
				settings.logs());
		results.note("Services: " + settings.launch().describe() + ".");
		if (settings.runs("produce") || settings.runs("consume") || settings.runs("e2e")
				|| settings.runs("footprint")) {
			failures += singleBroker(settings, results);
		}
		if (settings.runs("failover")) {
			failures += failOver(settings, results);
		}
		results.note("The machine is shared: load average " + Machine.loadAverage() + " at the end of the run.");
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

	private static int singleBroker(Settings settings, Results results) {
		int failures = 0;
		try (Broker broker = Broker.start(settings)) {
			logger.info("Broker ready on {} ({})", broker.bootstrapServers(), settings.protocol());
			settings.launch().prepare(settings, broker.bootstrapServers());
			PerfTools tools = new PerfTools(settings.logs(), broker.isSecured() ? broker.secrets() : null);
			ProduceBenchmark produce = new ProduceBenchmark(settings, broker, tools, results);
			ConsumeBenchmark consume = new ConsumeBenchmark(settings, broker, tools, results);
			EndToEndBenchmark endToEnd = new EndToEndBenchmark(settings, broker, results);
			FootprintBenchmark footprint = new FootprintBenchmark(settings, broker, results);
			for (int run = 1; run <= settings.repetitions(); run++) {
				int repetition = run;
				if (settings.runs("footprint")) {
					logger.info("Repetition {}/{}: footprint", repetition, settings.repetitions());
					failures += attempt(results, "footprint", repetition, () -> footprint.run(repetition));
				}
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
		return failures;
	}

	/**
	 * The fail-over pair, after the others and on its own three-node cluster.
	 */
	private static int failOver(Settings settings, Results results) {
		int failures = 0;
		long start = System.nanoTime();
		try (Cluster cluster = Cluster.start(settings)) {
			logger.info("Three-node cluster ready on {} after {} s", cluster.bootstrapServers(),
					(System.nanoTime() - start) / 1_000_000_000);
			FailOverBenchmark failOver = new FailOverBenchmark(settings, cluster, new PerfTools(settings.logs()),
					results);
			for (int run = 1; run <= settings.repetitions(); run++) {
				int repetition = run;
				logger.info("Repetition {}/{}: fail-over", repetition, settings.repetitions());
				failures += attempt(results, "fail-over", repetition, () -> failOver.run(repetition));
			}
		}
		catch (RuntimeException ex) {
			logger.error("The three-node cluster failed", ex);
			results.note("Fail-over not measured: the three-node cluster failed: " + ex.getMessage());
			failures++;
		}
		logger.info("Fail-over pair took {} s", (System.nanoTime() - start) / 1_000_000_000);
		return failures;
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
