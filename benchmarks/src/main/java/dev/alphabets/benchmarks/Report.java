package dev.alphabets.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes the run's numbers as a Markdown table and as JSON with the same numbers.
 */
final class Report {

	/**
	 * A target and how this run compares to it.
	 *
	 * @param name the target
	 * @param ours our value (median)
	 * @param reference Kafka's tool's value (median), or NaN for an absolute target
	 * @param value what is compared: a ratio, or our value
	 * @param goal the target text, or empty for a value shown beside a target
	 * @param met whether it was met, or null if not measured
	 */
	record Target(String name, String ours, String reference, double value, String goal, Boolean met) {

		String status() {
			if (this.goal.isEmpty()) {
				return "";
			}
			return (this.met == null) ? "not measured" : (this.met ? "yes" : "**no**");
		}

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
		targets.add(ratio("Produce: service / ProducerPerformance (no key)", "produce.service.records",
				"produce.pp.records", 0.95));
		targets.add(ratio("Produce: service / Kafka client keyed as the service, pipelined", "produce.service.records",
				"produce.keyed.records", 0.95));
		if (this.results.metric("produce.service-tuned.records") != null) {
			targets.add(ratio("Produce, tuning experiment: service / ProducerPerformance (no key)",
					"produce.service-tuned.records", "produce.pp.records", 0.95));
		}
		targets.add(
				ratio("Consume on H2: service / ConsumerPerformance", "consume.h2.records", "consume.cp.records", 0.5));
		if (this.results.metric("consume.h2-tuned.records") != null) {
			targets.add(ratio("Consume on H2, tuning experiment: service / ConsumerPerformance",
					"consume.h2-tuned.records", "consume.cp.records", 0.5));
		}
		targets.add(ratio("Consume on PostgreSQL: service / ConsumerPerformance", "consume.pg.records",
				"consume.cp.records", 0.5));
		endToEnd(targets, "e2e", "End to end");
		if (this.results.metric("e2e-tuned.p99") != null) {
			endToEnd(targets, "e2e-tuned", "End to end, tuning experiment");
		}
		targets.add(failOverStall());
		targets.add(atMost("Fail-over: acknowledged letters lost (service)", "failover.service.lost", 0));
		targets.add(atMost("Fail-over: letters missing inside the service's rounds", "failover.service.gaps", 0));
		targets.add(atMost("Fail-over: acknowledged records lost (ProducerPerformance)", "failover.pp.lost", 0));
		targets.add(atMost("producer-service ready (s)", "footprint.producer.ready", 4));
		targets.add(atMost("consumer-service ready (s)", "footprint.consumer.ready", 4));
		targets.add(below("producer-service peak RSS under load (MiB)", "footprint.producer.rss", 400));
		targets.add(below("consumer-service peak RSS under load (MiB)", "footprint.consumer.rss", 400));
		return targets;
	}

	/**
	 * The rate the producer reached beside the pace it was held at, then the latency: a
	 * p99 met at a lower rate than asked does not meet the goal.
	 */
	private void endToEnd(List<Target> targets, String key, String label) {
		double pace = paceLettersPerSecond();
		double rate = this.results.median(key + ".rate");
		targets.add(new Target(label + ": achieved rate (letters/s)", format(rate), "", rate,
				"≥ " + format(0.95 * pace), Double.isNaN(rate) ? null : rate >= 0.95 * pace));
		targets.add(shown(label + " p50 (ms)", key + ".p50"));
		targets.add(atMost(label + " p99 (ms)", key + ".p99", 25));
		targets.add(shown(label + " p99.9 (ms)", key + ".p999"));
	}

	/**
	 * Letters per second at the end-to-end interval, such as 1,000 at {@code 1ms}.
	 */
	private double paceLettersPerSecond() {
		Matcher interval = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)").matcher(this.settings.endToEndInterval());
		if (!interval.matches() || Double.parseDouble(interval.group(1)) == 0) {
			return Double.NaN;
		}
		double seconds = Double.parseDouble(interval.group(1)) / (interval.group(2).equals("ms") ? 1000 : 1);
		return 1 / seconds;
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
				value, "≤ 500 over the tool", Double.isNaN(value) ? null : value <= 500);
	}

	private Target below(String name, String key, double goal) {
		double value = this.results.median(key);
		return new Target(name, format(value), "", value, "< " + format(goal),
				Double.isNaN(value) ? null : value < goal);
	}

	private Target shown(String name, String key) {
		double value = this.results.median(key);
		return new Target(name, format(value), "", value, "", null);
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
				"Run: %d repetition(s); produce %d records (send().get() reference: %d), consume %d records, end to"
						+ " end %d s at a producer interval of %s%s; one local-kafka broker (heap %s), services -Xmx%s."
						+ " Fail-over: three local-kafka nodes, the service at a %d ms interval and ProducerPerformance"
						+ " at the service's rate, kill -9 after %d s, %d s more. Medians, with min-max over the"
						+ " repetitions.%n%n",
				this.settings.repetitions(), this.settings.produceRecords(), this.settings.syncRecords(),
				this.settings.consumeRecords(), this.settings.endToEndSeconds(), this.settings.endToEndInterval(),
				this.settings.senderMaxInFlight().isBlank() ? ""
						: ", alphabet.sender.max-in-flight=" + this.settings.senderMaxInFlight(),
				this.settings.brokerHeap(), this.settings.serviceHeap(), this.settings.failOverIntervalMillis(),
				this.settings.failOverWarmUpSeconds(), this.settings.failOverSeconds()));
		text.append("| Target | Ours | Kafka tool | Ratio or value | Goal | Met |\n|---|---:|---:|---:|---|---|\n");
		for (Target target : targets()) {
			text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", target.name(), target.ours(),
					target.reference(), format(target.value()), target.goal(), target.status()));
		}
		text.append("\n| Measurement | Median | Min | Max | Unit |\n|---|---:|---:|---:|---|\n");
		for (Results.Metric metric : this.results.metrics()) {
			text.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", metric.label(),
					format(metric.median()), format(metric.min()), format(metric.max()), metric.unit()));
		}
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
