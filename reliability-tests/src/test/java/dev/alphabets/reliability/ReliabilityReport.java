package dev.alphabets.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The Markdown report of this run, one row per scenario and delivery models, then the
 * matrix of the models side by side; rewritten after each scenario so that it survives an
 * aborted run.
 */
final class ReliabilityReport {

	private static final List<Row> rows = new CopyOnWriteArrayList<>();

	private static final Instant started = Instant.now();

	private static volatile String database = "?";

	private static volatile String protocol = "PLAINTEXT";

	private ReliabilityReport() {
	}

	static void database(String kind) {
		database = kind;
	}

	static void protocol(String name) {
		protocol = name;
	}

	static synchronized void add(Row row) {
		rows.add(row);
		write();
	}

	static String table() {
		StringBuilder table = new StringBuilder();
		table.append("| Scenario | Delivery | Letters sent | Acknowledged | Applied | Applied twice")
			.append(" | Duplicates suppressed | Delivered twice | Dead-lettered | Lost | Order breaks | Time to heal")
			.append(" | Verdict |\n");
		table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		for (Row row : sorted()) {
			Invariants.Counts counts = row.counts();
			table.append(String.format("| %s | %s | %d | %d | %d | %d | %d | %d | %d | %d | %d | %s | %s |%n",
					row.scenario(), row.models().label(), counts.sent(), counts.acknowledged(), counts.applied(),
					counts.appliedTwice(), counts.duplicates(), counts.deliveredTwice(), counts.deadLettered(),
					counts.lost(), counts.orderBreaks(), seconds(row.timeToHeal()), row.verdict()));
		}
		return table.toString();
	}

	static List<Row> sorted() {
		return rows.stream().sorted(Comparator.comparingInt(Row::number)).toList();
	}

	static synchronized String write() {
		Duration elapsed = Duration.between(started, Instant.now());
		String text = "# Reliability report\n\n" + table()
				+ "\nThree local-kafka brokers (RF 3, min.insync.replicas=2, "
				+ "unclean leader election off, clients over " + protocol + "), services on " + database
				+ ". Run started " + started.truncatedTo(ChronoUnit.SECONDS) + ", " + rows.size()
				+ " scenario run(s) in " + seconds(elapsed)
				+ ". Time to heal: from the end of the fault until both services are ready and a "
				+ "letter sent after the fault is applied (bound " + seconds(Scenario.HEAL_BOUND) + "); after a fault "
				+ "of the consumer's own (restarted, or its database stopped), until both are ready and the "
				+ "consumer applies letters again (its backlog is then the drain's to check).\n\n"
				+ ModelMatrix.markdown(sorted());
		Path file = Jars.report();
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text;
	}

	static String seconds(Duration duration) {
		return (duration != null) ? String.format("%.1f s", duration.toMillis() / 1000.0) : "-";
	}

	/**
	 * One scenario's outcome in one pair of delivery models.
	 *
	 * @param number the scenario's number
	 * @param scenario number and name
	 * @param models the delivery models it ran in
	 * @param counts what it counted, all 0 if it failed before its checks
	 * @param timeToHeal from the end of the fault until the system worked again
	 * @param verdict PASS, or FAIL with the broken invariants
	 */
	record Row(int number, String scenario, DeliveryModels models, Invariants.Counts counts, Duration timeToHeal,
			String verdict) {

		Row(ScenarioSettings settings, Invariants.Counts counts, Duration timeToHeal, String verdict) {
			this(settings.number(), settings.name(), settings.models(), counts, timeToHeal, verdict);
		}

	}

}
