package dev.alphabets.producer.failures;

/**
 * Where a message that the broker did not acknowledge stands.
 */
public enum FailedMessageStatus {

	/** A retriable error outlasted the delivery timeout; the sender keeps trying it. */
	PENDING,

	/** A permanent error; the sender stopped until an operator replays or discards it. */
	FAILED,

	/** Delivered in the end, by the sender or by a replay. */
	DELIVERED,

	/** Given up by an operator. */
	DISCARDED

}
