package dev.alphabets.consumer.sequences;

import java.time.Instant;

/**
 * A letter together with where and when this service received it.
 *
 * @param messageId id of the message, the idempotency key
 * @param sequenceId id of the A-Z round
 * @param index position of the letter in its round, 0 to 25
 * @param letter the letter, A to Z
 * @param sentAt when the producer sent it
 * @param topic topic it was read from
 * @param partition partition it was read from
 * @param offset offset it was read at
 * @param receivedAt when this service received it
 * @param traceId the W3C trace id its record carried, or {@code null}
 */
public record ReceivedLetter(String messageId, String sequenceId, int index, String letter, Instant sentAt,
		String topic, int partition, long offset, Instant receivedAt, String traceId) {

	/**
	 * A letter whose record carried no trace.
	 * @param messageId id of the message, the idempotency key
	 * @param sequenceId id of the A-Z round
	 * @param index position of the letter in its round, 0 to 25
	 * @param letter the letter, A to Z
	 * @param sentAt when the producer sent it
	 * @param topic topic it was read from
	 * @param partition partition it was read from
	 * @param offset offset it was read at
	 * @param receivedAt when this service received it
	 */
	public ReceivedLetter(String messageId, String sequenceId, int index, String letter, Instant sentAt, String topic,
			int partition, long offset, Instant receivedAt) {
		this(messageId, sequenceId, index, letter, sentAt, topic, partition, offset, receivedAt, null);
	}

}
