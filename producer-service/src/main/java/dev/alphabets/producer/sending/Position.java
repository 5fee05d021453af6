package dev.alphabets.producer.sending;

import java.util.UUID;

/**
 * The next letter the sender has to deliver: a sequence and an index within it.
 *
 * @param sequenceId the current sequence
 * @param nextIndex the first index not yet acknowledged
 */
record Position(String sequenceId, int nextIndex) {

	static Position newSequence() {
		return new Position(UUID.randomUUID().toString(), 0);
	}

	/**
	 * The letter after this one. The sequence after a round is derived from the round's
	 * own id, not drawn at random: only the watermark is stored, so after a crash the
	 * rounds past it must come out again with the same ids, and their letters with the
	 * same message ids, or a round that was partly written would stay incomplete.
	 * @return the next position
	 */
	Position next() {
		return (this.nextIndex + 1 < Letter.ROUND_LENGTH) ? new Position(this.sequenceId, this.nextIndex + 1)
				: new Position(nextSequenceId(this.sequenceId), 0);
	}

	static String nextSequenceId(String sequenceId) {
		return Letter.nameUuid(sequenceId + "/next");
	}

	boolean isAt(Letter letter) {
		return this.sequenceId.equals(letter.sequenceId()) && this.nextIndex == letter.index();
	}

}
