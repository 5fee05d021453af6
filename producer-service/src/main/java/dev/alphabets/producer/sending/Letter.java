package dev.alphabets.producer.sending;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

	private static final String[] LETTERS = new String[ROUND_LENGTH];

	// One digest, locked: MessageDigest.getInstance looks the provider up on every call,
	// which cost as much as the digest itself at tens of thousands of letters a second,
	// and the thread-local lookups of this digest and the serializer's generator were
	// a quarter of the sending thread's profile; the sending thread is nearly the only
	// user of the lock.
	private static final MessageDigest MD5 = md5();

	// The text names the second: formatted once a second, not once a letter.
	private static volatile TextTime lastTextTime = new TextTime(Long.MIN_VALUE, "");

	static {
		for (int i = 0; i < ROUND_LENGTH; i++) {
			LETTERS[i] = String.valueOf((char) ('A' + i));
		}
	}

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
		String letter = LETTERS[index];
		Instant sentAt = now.truncatedTo(ChronoUnit.MILLIS);
		return new Letter(messageId(sequenceId, index), sequenceId, index, letter, sentAt,
				"Character #" + letter + " sent at " + textTime(sentAt));
	}

	private static String textTime(Instant sentAt) {
		TextTime last = lastTextTime;
		if (last.epochSecond() != sentAt.getEpochSecond()) {
			last = new TextTime(sentAt.getEpochSecond(), TEXT_TIME.format(sentAt));
			lastTextTime = last;
		}
		return last.text();
	}

	/**
	 * The same (sequence, index) always gets the same id, so a re-send after a failure or
	 * a restart can be recognised downstream.
	 * @param sequenceId the sequence
	 * @param index the position
	 * @return a name-based (version 3) UUID
	 */
	public static String messageId(String sequenceId, int index) {
		return nameUuid(sequenceId + "/" + index);
	}

	/**
	 * What {@code UUID.nameUUIDFromBytes(name as UTF-8).toString()} returns, with one
	 * digest kept.
	 * @param name the name
	 * @return the version 3 UUID of the name
	 */
	static String nameUuid(String name) {
		byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
		byte[] hash;
		synchronized (MD5) {
			hash = MD5.digest(bytes);
		}
		hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
		hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
		long most = 0;
		long least = 0;
		for (int i = 0; i < 8; i++) {
			most = (most << 8) | (hash[i] & 0xff);
			least = (least << 8) | (hash[i + 8] & 0xff);
		}
		return new UUID(most, least).toString();
	}

	private static MessageDigest md5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("MD5 not supported", ex);
		}
	}

	private record TextTime(long epochSecond, String text) {
	}

}
