package dev.alphabets.producer.failures;

import java.time.Instant;

/**
 * One thing that happened to a failed message, and who did it.
 *
 * @param action what happened
 * @param actor the sender or the operator who did it
 * @param detail more about it
 * @param occurredAt when
 */
public record AuditEntry(String action, String actor, String detail, Instant occurredAt) {

}
