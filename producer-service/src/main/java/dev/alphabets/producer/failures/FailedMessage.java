package dev.alphabets.producer.failures;

import java.time.Instant;

/**
 * A message the broker did not acknowledge in time, as the store keeps it.
 *
 * @param id the store's id
 * @param messageId the message's idempotency key
 * @param sequenceId the sequence (also the record key)
 * @param index the letter's index in its sequence
 * @param letter the letter
 * @param topic the topic it was sent to
 * @param payload the JSON value that was sent
 * @param status where it stands
 * @param reason the last error, readable
 * @param exceptionClass the class of the last error
 * @param attempts how many times it was sent and not acknowledged
 * @param createdAt when it was first stored
 * @param updatedAt when it last changed
 * @param deliveredPartition the partition, once delivered
 * @param deliveredOffset the offset, once delivered
 */
public record FailedMessage(long id, String messageId, String sequenceId, int index, String letter, String topic,
		String payload, FailedMessageStatus status, String reason, String exceptionClass, int attempts,
		Instant createdAt, Instant updatedAt, Integer deliveredPartition, Long deliveredOffset) {

}
