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
 * The Markdown table of this run, one row per scenario, rewritten after each scenario so
 * that it survives an aborted run.
 */
final class ReliabilityReport {

	private static final List<Row> rows = new CopyOnWriteArrayList<>();

	private static final Instant started = Instant.now();

	private static volatile String database = "?";

	private ReliabilityReport() {
	}

	static void database(String kind) {
		database = kind;
	}

	static synchronized void add(Row row) {
		rows.add(row);
		write();
	}

	static String table() {
		StringBuilder table = new StringBuilder();
		table.append("| Scenario | Letters sent | Acknowledged | Applied | Applied twice | Duplicates suppressed")
			.append(" | Dead-lettered | Lost | Time to heal | Verdict |\n");
		table.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
		List<Row> sorted = rows.stream().sorted(Comparator.comparingInt(Row::number)).toList();
		for (Row row : sorted) {
			table.append(String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %s | %s |%n", row.scenario(),
					row.sent(), row.acknowledged(), row.applied(), row.appliedTwice(), row.duplicates(),
					row.deadLettered(), row.lost(), seconds(row.timeToHeal()), row.verdict()));
		}
		return table.toString();
	}

	static synchronized String write() {
		Duration elapsed = Duration.between(started, Instant.now());
		String text = "# Reliability report\n\n" + table()
				+ "\nThree local-kafka brokers (RF 3, min.insync.replicas=2, "
				+ "unclean leader election off), services on " + database + ". Run started "
				+ started.truncatedTo(ChronoUnit.SECONDS) + ", " + rows.size() + " scenario(s) in " + seconds(elapsed)
				+ ". Time to heal: from the end of the fault until both services are ready and a "
				+ "letter sent after the fault is applied (bound " + seconds(Scenario.HEAL_BOUND) + ").\n";
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

	private static String seconds(Duration duration) {
		return (duration != null) ? String.format("%.1f s", duration.toMillis() / 1000.0) : "-";
	}

	/**
	 * One scenario's outcome.
	 *
	 * @param scenario number and name
	 * @param sent distinct letters the producer tried to send
	 * @param acknowledged distinct letters the broker acknowledged
	 * @param applied rows in {@code received_messages}
	 * @param appliedTwice letters applied more than once
	 * @param duplicates redeliveries recognised and counted instead of applied
	 * @param deadLettered records in the dead-letter topic
	 * @param lost letters acknowledged, stored or written but never applied
	 * @param timeToHeal from the end of the fault until the system worked again
	 * @param verdict PASS, or FAIL with the first broken invariant
	 */
	record Row(String scenario, int sent, int acknowledged, int applied, int appliedTwice, int duplicates,
			int deadLettered, int lost, Duration timeToHeal, String verdict) {

		int number() {
			return Integer.parseInt(this.scenario.substring(0, this.scenario.indexOf('.')));
		}

	}

}
