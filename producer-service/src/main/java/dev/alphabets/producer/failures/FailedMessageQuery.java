package dev.alphabets.producer.failures;

import java.time.Instant;

/**
 * Filters for searching the failed-message store; every one may be {@code null}.
 *
 * @param status only messages in this status
 * @param from only messages stored at or after this instant
 * @param to only messages stored before this instant
 * @param text only messages whose id, sequence, letter, reason or exception contains this
 * text
 * @param limit at most this many, newest first
 */
public record FailedMessageQuery(FailedMessageStatus status, Instant from, Instant to, String text, int limit) {

}
