package dev.alphabets.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes the run's numbers as a Markdown table and as JSON with the same numbers.
 */
final class Report {

	/**
	 * A target of issue 6 and how this run compares to it.
	 *
	 * @param name the target
	 * @param ours our value (median)
	 * @param reference Kafka's tool's value (median), or NaN for an absolute target
	 * @param value what is compared: a ratio, or our value
	 * @param goal the target text
	 * @param met whether it was met, or null if not measured
	 */
	record Target(String name, String ours, String reference, double value, String goal, Boolean met) {
	}

	private final Settings settings;

	private final Results results;

	private final String machine;

	Report(Settings settings, Results results, String machine) {
		this.settings = settings;
		this.results = results;
		this.machine = machine;
	}

	List<Target> targets() {
		List<Target> targets = new ArrayList<>();
		targets.add(
				ratio("Produce: service / ProducerPerformance", "produce.service.records", "produce.pp.records", 0.95));
		targets.add(
				ratio("Produce: service / PP max.in.flight=1", "produce.service.records", "produce.pp1.records", 0.95));
		targets.add(ratio("Produce: service / client send().get()", "produce.service.records", "produce.sync.records",
				0.95));
		targets.add(
				ratio("Consume on H2: service / ConsumerPerformance", "consume.h2.records", "consume.cp.records", 0.5));
		if (this.results.metric("consume.h2-tuned.records") != null) {
			targets.add(ratio("Consume on H2, tuning experiment: service / ConsumerPerformance",
					"consume.h2-tuned.records", "consume.cp.records", 0.5));
		}
		targets.add(ratio("Consume on PostgreSQL: service / ConsumerPerformance", "consume.pg.records",
				"consume.cp.records", 0.5));
		targets.add(atMost("End to end p99 (ms)", "e2e.p99", 25));
		if (this.results.metric("e2e-tuned.p99") != null) {
			targets.add(atMost("End to end p99, tuning experiment (ms)", "e2e-tuned.p99", 25));
		}
		targets.add(failOverStall());
		targets.add(atMost("Fail-over: acknowledged letters lost (service)", "failover.service.lost", 0));
		targets.add(atMost("Fail-over: acknowledged records lost (ProducerPerformance)", "failover.pp.lost", 0));
		targets.add(atMost("producer-service ready (s)", "footprint.producer.ready", 4));
		targets.add(atMost("consumer-service ready (s)", "footprint.consumer.ready", 4));
		targets.add(atMost("producer-service peak RSS (MiB)", "footprint.producer.rss", 400));
		targets.add(atMost("consumer-service peak RSS (MiB)", "footprint.consumer.rss", 400));
		return targets;
	}

	private Target ratio(String name, String ours, String reference, double goal) {
		double value = this.results.median(ours) / this.results.median(reference);
		return new Target(name, format(this.results.median(ours)), format(this.results.median(reference)), value,
				"≥ " + goal, Double.isNaN(value) ? null : value >= goal);
	}

	/**
	 * The service's stall over ProducerPerformance's, the median of the per-repetition
	 * differences: both sides went through the same kill.
	 */
	private Target failOverStall() {
		double value = this.results.median("failover.stall-over-pp");
		return new Target("Fail-over stall (ms): service, ProducerPerformance, difference",
				format(this.results.median("failover.service.stall")), format(this.results.median("failover.pp.stall")),
				value, "≤ 1000 over the tool", Double.isNaN(value) ? null : value <= 1000);
	}

	private Target atMost(String name, String key, double goal) {
		double value = this.results.median(key);
		return new Target(name, format(value), "", value, "≤ " + format(goal),
				Double.isNaN(value) ? null : value <= goal);
	}

	String markdown() {
		StringBuilder text = new StringBuilder();
		text.append("## Benchmark")
			.append(this.settings.smoke() ? " (smoke run: tiny counts, not a measurement)" : "")
			.append("\n\n");
		text.append("Machine: ").append(this.machine).append("\n\n");
		text.append(String.format(Locale.ROOT,
				"Run: %d repetition(s); produce %d records, consume %d records, end to end %d s; one local-kafka broker"
						+ " (heap %s), services -Xmx%s. Fail-over: three local-kafka nodes, the service at a %d ms"
						+ " interval and ProducerPerformance at the service's rate, kill -9 after %d s, %d s more."
						+ " Medians, with min-max over the repetitions.%n%n",
				this.settings.repetitions(), this.settings.produceRecords(), this.settings.consumeRecords(),
				this.settings.endToEndSeconds(), this.settings.brokerHeap(), this.settings.serviceHeap(),
				this.settings.failOverIntervalMillis(), this.settings.failOverWarmUpSeconds(),
				this.settings.failOverSeconds()));
		text.append("| Target | Ours | Kafka tool | Ratio or value | Goal | Met |\n|---|---:|---:|---:|---|---|\n");
		for (Target target : targets()) {
			text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", target.name(), target.ours(),
					target.reference(), format(target.value()), target.goal(),
					(target.met() == null) ? "not measured" : (target.met() ? "yes" : "**no**")));
		}
		text.append("\n| Measurement | Median | Min | Max | Unit |\n|---|---:|---:|---:|---|\n");
		for (Results.Metric metric : this.results.metrics()) {
			text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", metric.label(),
					format(metric.median()), format(metric.min()), format(metric.max()), metric.unit()));
		}
		double overhead = 1000 / this.results.median("produce.service.records")
				- 1000 / this.results.median("produce.sync.records");
		text.append(String.format(Locale.ROOT,
				"%nproducer-service time per letter over the raw client's send().get(): %s ms (medians): storing"
						+ " its position after each acknowledgement, logging and metrics.%n",
				format(overhead)));
		if (!this.results.notes().isEmpty()) {
			text.append('\n');
			this.results.notes().forEach((note) -> text.append("- ").append(note).append('\n'));
		}
		return text.toString();
	}

	String json() {
		String metrics = this.results.metrics()
			.stream()
			.map((metric) -> String.format(Locale.ROOT,
					"    {\"key\": %s, \"label\": %s, \"unit\": %s, \"median\": %s, \"min\": %s, \"max\": %s, \"values\": [%s]}",
					quote(metric.key()), quote(metric.label()), quote(metric.unit()), number(metric.median()),
					number(metric.min()), number(metric.max()),
					metric.values().stream().map(Report::number).collect(Collectors.joining(", "))))
			.collect(Collectors.joining(",\n"));
		String targets = targets().stream()
			.map((target) -> String.format(Locale.ROOT, "    {\"name\": %s, \"value\": %s, \"goal\": %s, \"met\": %s}",
					quote(target.name()), number(target.value()), quote(target.goal()), target.met()))
			.collect(Collectors.joining(",\n"));
		String notes = this.results.notes().stream().map(Report::quote).collect(Collectors.joining(", "));
		return String.format(Locale.ROOT,
				"{%n  \"machine\": %s,%n  \"smoke\": %s,%n  \"repetitions\": %d,%n  \"produceRecords\": %d,%n"
						+ "  \"consumeRecords\": %d,%n  \"endToEndSeconds\": %d,%n  \"metrics\": [%n%s%n  ],%n"
						+ "  \"targets\": [%n%s%n  ],%n  \"notes\": [%s]%n}%n",
				quote(this.machine), this.settings.smoke(), this.settings.repetitions(), this.settings.produceRecords(),
				this.settings.consumeRecords(), this.settings.endToEndSeconds(), metrics, targets, notes);
	}

	void write(Path directory) {
		try {
			Files.createDirectories(directory);
			Files.writeString(directory.resolve("benchmark-report.md"), markdown());
			Files.writeString(directory.resolve("benchmark-report.json"), json());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String format(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		return String.format(Locale.ROOT, (Math.abs(value) >= 100) ? "%.0f" : "%.2f", value);
	}

	private static String number(double value) {
		return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%.4f", value);
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

}
