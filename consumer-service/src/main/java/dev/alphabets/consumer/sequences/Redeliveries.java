package dev.alphabets.consumer.sequences;

import java.util.List;

/**
 * What becomes of the letters of a poll whose message id was stored already: suppressed
 * and recorded as duplicates (exactly-once), or applied again and counted (at-least-once,
 * at-most-once).
 */
interface Redeliveries {

	/**
	 * Handles the letters at the given positions, in the poll's transaction.
	 * @param letters the letters of the poll
	 * @param positions the positions of the letters whose message id was stored already
	 * (by an earlier poll or earlier in this one)
	 * @param outcome where the outcome of each of them is written
	 */
	void record(List<ReceivedLetter> letters, List<Integer> positions, StoreResult[] outcome);

}
