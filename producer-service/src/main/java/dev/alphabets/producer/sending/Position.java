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

	Position next() {
		return (this.nextIndex + 1 < Letter.ROUND_LENGTH) ? new Position(this.sequenceId, this.nextIndex + 1)
				: newSequence();
	}

	boolean isAt(Letter letter) {
		return this.sequenceId.equals(letter.sequenceId()) && this.nextIndex == letter.index();
	}

}
