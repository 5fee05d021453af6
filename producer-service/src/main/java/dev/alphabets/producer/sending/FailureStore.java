package dev.alphabets.producer.sending;

/**
 * What the sender needs from the failed-message store. The {@code failures} package
 * implements it, so the sender does not depend on that package.
 */
public interface FailureStore {

	/**
	 * Stores a letter the broker did not acknowledge: a new entry, or one more attempt on
	 * its open entry.
	 * @param letter the letter
	 * @param topic its topic
	 * @param permanent {@code true} to store it FAILED (the sender stops), {@code false}
	 * to store it PENDING (the sender keeps delivering it)
	 * @param reason the error, readable
	 * @param exceptionClass the error's class
	 */
	void recordFailure(Letter letter, String topic, boolean permanent, String reason, String exceptionClass);

	/**
	 * Closes the letter's open entry, if it has one, as delivered by the sender.
	 * @param messageId the letter's message id
	 * @param delivery where the broker stored it
	 */
	void closeDelivered(String messageId, Delivery delivery);

	/**
	 * Whether the letter's entry was already closed (DELIVERED or DISCARDED), so the
	 * sender must not send it again.
	 * @param messageId the letter's message id
	 * @return whether it has a closed entry
	 */
	boolean isClosed(String messageId);

}
