package dev.alphabets.consumer.sequences;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One sequence with each of its stored letters.
 *
 * @param summary what has been received of the sequence
 * @param letters the stored letters in index order
 */
record SequenceDetail(@JsonUnwrapped SequenceSummary summary, List<StoredLetter> letters) {

	/**
	 * A stored letter with the Kafka coordinates it was read from.
	 *
	 * @param index position in the sequence, 0 for A
	 * @param letter the letter
	 * @param messageId id of the message
	 * @param sentAt when the producer sent it
	 * @param receivedAt when this service received it
	 * @param topic topic it was read from
	 * @param partition partition it was read from
	 * @param offset offset it was read at
	 * @param traceId the W3C trace id its record carried, or {@code null}
	 */
	record StoredLetter(int index, String letter, String messageId, Instant sentAt, Instant receivedAt, String topic,
			int partition, long offset, String traceId) {

	}

}
