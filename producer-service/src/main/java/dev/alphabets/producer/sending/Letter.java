package dev.alphabets.producer.sending;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One letter of one A-Z sequence, exactly as it travels on the wire (see the README's
 * wire contract).
 *
 * @param messageId the idempotency key, deterministic for (sequenceId, index)
 * @param sequenceId the round this letter belongs to, also the record key
 * @param index the position in the round, 0 for A to 25 for Z
 * @param letter the letter itself
 * @param sentAt when this attempt was made
 * @param text the human-readable message
 */
public record Letter(String messageId, String sequenceId, int index, String letter, Instant sentAt, String text) {

	/** Letters in a round. */
	public static final int ROUND_LENGTH = 26;

	private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	/**
	 * Builds the letter at a position of a sequence, sent now.
	 * @param sequenceId the sequence
	 * @param index the position, 0 to 25
	 * @param now the time of this attempt
	 * @return the letter
	 */
	public static Letter of(String sequenceId, int index, Instant now) {
		if (index < 0 || index >= ROUND_LENGTH) {
			throw new IllegalArgumentException("index must be between 0 and 25, was " + index);
		}
		String letter = String.valueOf((char) ('A' + index));
		Instant sentAt = now.truncatedTo(ChronoUnit.MILLIS);
		return new Letter(messageId(sequenceId, index), sequenceId, index, letter, sentAt,
				"Character #" + letter + " sent at " + TEXT_TIME.format(sentAt));
	}

	/**
	 * The same (sequence, index) always gets the same id, so a re-send after a failure or
	 * a restart can be recognised downstream.
	 * @param sequenceId the sequence
	 * @param index the position
	 * @return a name-based (version 3) UUID
	 */
	public static String messageId(String sequenceId, int index) {
		return UUID.nameUUIDFromBytes((sequenceId + "/" + index).getBytes(StandardCharsets.UTF_8)).toString();
	}

}
