package dev.alphabets.reliability;

/**
 * What a pair of delivery models promises, the table the invariants are checked against.
 * A loss or a duplicate that the pair allows is reported, not failed.
 *
 * <pre>
 * producer \ consumer | at-most-once          | at-least-once              | exactly-once
 * at-most-once        | may lose              | may lose, deliver/apply 2x | may lose
 * at-least-once       | may lose, deliver and | may deliver and apply 2x   | may deliver 2x, applies once
 *                     | apply 2x              |                            | (idempotent at-least-once)
 * exactly-once        | may lose              | may deliver and apply 2x   | neither; the topic holds each id once
 * </pre>
 *
 * @param mayLose whether a letter may never be applied
 * @param mayDeliverTwice whether a letter may reach the consumer twice (a redelivery, or
 * a second copy in the topic)
 * @param mayApplyTwice whether a letter may be applied twice
 * @param topicHoldsEachIdOnce whether the topic, read with {@code read_committed}, must
 * hold each {@code messageId} once
 */
record Promise(boolean mayLose, boolean mayDeliverTwice, boolean mayApplyTwice, boolean topicHoldsEachIdOnce) {

	static Promise of(DeliveryModel producer, DeliveryModel consumer) {
		// A producer that sends at most once never re-sends, and one that sends exactly
		// once leaves no committed copy: only an at-least-once producer puts a letter
		// into the topic twice. A consumer that commits before it stores loses what a
		// crash interrupts but never reads a letter twice; one that commits after it
		// stores reads again what a crash interrupted, and applies it again unless it
		// keeps the positions with the letters (exactly-once) and dedupes by messageId.
		boolean mayLose = producer == DeliveryModel.AT_MOST_ONCE || consumer == DeliveryModel.AT_MOST_ONCE;
		boolean secondCopies = producer == DeliveryModel.AT_LEAST_ONCE;
		boolean redeliveries = consumer == DeliveryModel.AT_LEAST_ONCE;
		boolean dedupes = consumer == DeliveryModel.EXACTLY_ONCE;
		return new Promise(mayLose, secondCopies || redeliveries, !dedupes && (secondCopies || redeliveries),
				producer == DeliveryModel.EXACTLY_ONCE);
	}

}
