package dev.alphabets.producer.sending;

/**
 * What the sender is doing, for health and for operators.
 *
 * @param state the sender's state
 * @param sequenceId the current sequence, if known
 * @param nextIndex the next index to deliver
 * @param messageId the message being retried or that stopped the sender, if any
 * @param reason the last error, if any
 */
public record SenderStatus(State state, String sequenceId, int nextIndex, String messageId, String reason) {

	/**
	 * The sender's states.
	 */
	public enum State {

		/** Not started yet, or switched off by {@code alphabet.sender.enabled=false}. */
		IDLE,

		/** Sending one letter after the other. */
		RUNNING,

		/** The current letter outlasted the delivery timeout; it is being sent again. */
		RETRYING,

		/** A permanent error stopped the sender until an operator replays or discards. */
		STOPPED,

		/**
		 * Another process holds the sender lease; this one takes over when it expires.
		 */
		STANDBY,

		/**
		 * This process could not renew the lease in time (its database was out of reach)
		 * and stopped sending; it takes the lease again once it can, unless another
		 * process took it meanwhile.
		 */
		LEASE_LOST,

		/**
		 * Exactly-once only: another producer with the same transactional id fenced this
		 * one; it stopped for good (a restart takes the identity back, fencing the
		 * other).
		 */
		FENCED

	}

}
