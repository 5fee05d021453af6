package dev.alphabets.consumer;

/**
 * The delivery model of the consumer ({@code alphabet.delivery}).
 */
public enum Delivery {

	/**
	 * The poll's offsets are committed to Kafka, synchronously, before its letters are
	 * stored: a crash in between loses the poll, nothing is ever applied twice by a
	 * redelivery.
	 */
	AT_MOST_ONCE,

	/**
	 * The letters are stored first, then the offsets committed to Kafka: a crash in
	 * between redelivers the poll, which is applied again and counted in
	 * {@code applied_count}.
	 */
	AT_LEAST_ONCE,

	/**
	 * {@code read_committed}; the letters and the partitions' next offsets commit in one
	 * database transaction, the consumer seeks to the stored offsets, and the
	 * {@code messageId} key suppresses a re-sent letter.
	 */
	EXACTLY_ONCE;

	/**
	 * Whether the positions of the partitions are kept in the database with the letters.
	 * @return {@code true} in exactly-once
	 */
	public boolean positionsInDatabase() {
		return this == EXACTLY_ONCE;
	}

}
