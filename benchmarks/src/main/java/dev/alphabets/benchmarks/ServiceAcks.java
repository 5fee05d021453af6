package dev.alphabets.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The acknowledgements a producer-service logged: its {@code LetterPublisher} writes one
 * INFO line per letter the broker acknowledged, right after the send's future completed.
 */
final class ServiceAcks {

	/**
	 * Boot's console line, for example {@code 2026-01-05T10:00:00.123Z  INFO 42 --- ...
	 * Delivered A to topic=t partition=1 offset=7 messageId=... sequenceId=...}.
	 */
	private static final Pattern DELIVERED = Pattern.compile(
			"^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+(?:Z|[+-]\\d\\d:\\d\\d)) .* Delivered ([A-Z]) to topic=\\S+"
					+ " partition=(\\d+) offset=\\d+ messageId=(\\S+) ");

	/**
	 * One acknowledged letter.
	 *
	 * @param epochMillis when the service logged the acknowledgement
	 * @param partition the partition it went to
	 * @param messageId its message id
	 * @param letter the letter, A to Z
	 */
	record Ack(long epochMillis, int partition, String messageId, char letter) {
	}

	private ServiceAcks() {
	}

	static List<Ack> read(Path log) {
		try (Stream<String> lines = Files.lines(log)) {
			return lines.map(DELIVERED::matcher).filter(Matcher::find).map(ServiceAcks::ack).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The latest acknowledgement: the service is writing its round's partition.
	 */
	static Ack latest(Path log) {
		List<Ack> acks = read(log);
		if (acks.isEmpty()) {
			throw new IllegalStateException("No acknowledgement logged in " + log);
		}
		return acks.get(acks.size() - 1);
	}

	private static Ack ack(Matcher line) {
		return new Ack(OffsetDateTime.parse(line.group(1)).toInstant().toEpochMilli(), Integer.parseInt(line.group(3)),
				line.group(4), line.group(2).charAt(0));
	}

}
