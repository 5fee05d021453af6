package dev.alphabets.producer;

/**
 * What the producer promises about each letter ({@code alphabet.delivery}).
 */
public enum DeliveryModel {

	/**
	 * Fire and forget: the position moves before the send, nothing is retried, a failed
	 * letter is logged and counted, never sent again.
	 */
	AT_MOST_ONCE,

	/**
	 * The idempotent {@code acks=all} sender with its durable position and failed-message
	 * store: nothing is lost, a crash may send a letter again with the same message id.
	 */
	AT_LEAST_ONCE,

	/**
	 * A transactional producer that writes the letters and its position in one Kafka
	 * transaction: read with {@code read_committed}, each letter is there once.
	 */
	EXACTLY_ONCE

}
