package dev.alphabets.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Writes the run's numbers as a Markdown table and as JSON with the same numbers.
 */
final class Report {

	private final Settings settings;

	private final Results results;

	private final String machine;

	Report(Settings settings, Results results, String machine) {
		this.settings = settings;
		this.results = results;
		this.machine = machine;
	}

	String markdown() {
		StringBuilder text = new StringBuilder();
		text.append("## Benchmark, Kafka over ")
			.append(this.settings.protocol())
			.append(this.settings.smoke() ? " (smoke run: tiny counts, not a measurement)" : "")
			.append("\n\n");
		text.append("Machine: ").append(this.machine).append("\n\n");
		text.append(this.settings.secured()
				? "Protocol: SASL_SSL (TLS, SCRAM-SHA-512, ACLs; local-kafka --secure) on both sides of every pair: the"
						+ " producer-service and the clients it is compared with connect as principal producer, the"
						+ " consumer-service and ConsumerPerformance as consumer.\n\n"
				: "Protocol: PLAINTEXT on both sides of every pair.\n\n");
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
		for (Targets.Target target : new Targets(this.settings, this.results).list()) {
			text.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %s | %s | %s |%n", target.name(), label(),
					target.ours(), target.reference(), format(target.value()), target.goal(), target.status()));
		}
		text.append("\n| Measurement | Median | Min | Max | Unit |\n|---|---:|---:|---:|---|\n");
		for (Results.Metric metric : this.results.metrics()) {
			text.append(String.format(Locale.ROOT, "| %s%s | %s | %s | %s | %s |%n", metric.label(), label(),
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
		String targets = new Targets(this.settings, this.results).list()
			.stream()
			.map((target) -> String.format(Locale.ROOT, "    {\"name\": %s, \"value\": %s, \"goal\": %s, \"met\": %s}",
					quote(target.name()), number(target.value()), quote(target.goal()), target.met()))
			.collect(Collectors.joining(",\n"));
		String notes = this.results.notes().stream().map(Report::quote).collect(Collectors.joining(", "));
		return String.format(Locale.ROOT,
				"{%n  \"machine\": %s,%n  \"protocol\": %s,%n  \"smoke\": %s,%n  \"repetitions\": %d,%n  \"produceRecords\": %d,%n"
						+ "  \"consumeRecords\": %d,%n  \"endToEndSeconds\": %d,%n  \"metrics\": [%n%s%n  ],%n"
						+ "  \"targets\": [%n%s%n  ],%n  \"notes\": [%s]%n}%n",
				quote(this.machine), quote(this.settings.protocol()), this.settings.smoke(),
				this.settings.repetitions(), this.settings.produceRecords(), this.settings.consumeRecords(),
				this.settings.endToEndSeconds(), metrics, targets, notes);
	}

	/** A secured run's rows say so, so that a copied row keeps its protocol. */
	private String label() {
		return this.settings.secured() ? " [" + this.settings.protocol() + "]" : "";
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

	static String format(double value) {
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
