package dev.alphabets.consumer.sequences;

/**
 * What storing one received letter did.
 */
public sealed interface StoreResult {

	/**
	 * The letter was new and is now stored.
	 *
	 * @param highestIndexBefore highest index of the sequence stored before this letter,
	 * -1 when it is the first
	 */
	record Applied(int highestIndexBefore) implements StoreResult {

		/**
		 * Whether a later letter of the sequence was stored before this one.
		 * @param index index of this letter
		 * @return {@code true} when the letter arrived out of order
		 */
		public boolean outOfOrder(int index) {
			return index < this.highestIndexBefore;
		}

		/**
		 * How many letters are missing between the highest one stored before and this
		 * one.
		 * @param index index of this letter
		 * @return the size of the gap this letter leaves behind it, 0 when none
		 */
		public int gapBefore(int index) {
			return Math.max(0, index - this.highestIndexBefore - 1);
		}

	}

	/**
	 * The message id was already stored from another record (a re-send): nothing was
	 * applied again.
	 *
	 * @param partition partition the stored copy was read from
	 * @param offset offset the stored copy was read at
	 */
	record Duplicate(int partition, long offset) implements StoreResult {

	}

	/**
	 * At-least-once or at-most-once: the message id was stored already, and the letter
	 * was applied again ({@code applied_count} went up by one).
	 */
	record AppliedAgain() implements StoreResult {

	}

	/**
	 * The record lies before the partition's stored position: it was applied (or
	 * dead-lettered) by an earlier poll whose offsets Kafka had not heard of, so it is
	 * skipped without reaching the duplicate check.
	 */
	record AlreadyApplied() implements StoreResult {

	}

	/**
	 * The database refused this letter alone (a value out of a column's range, characters
	 * it does not store): it is not stored and must be dead-lettered.
	 *
	 * @param cause why the database refused it
	 */
	record Rejected(RuntimeException cause) implements StoreResult {

	}

}
