package dev.alphabets.consumer.receiving;

import java.time.Instant;

import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * One letter of one A-Z sequence as this service reads it from the wire.
 *
 * @param messageId id of the message, the same for every re-send of this letter
 * @param sequenceId id of the A-Z round the letter belongs to, also the record key
 * @param index position of the letter in its round, 0 for A to 25 for Z
 * @param letter the letter itself, A to Z
 * @param sentAt when the producer sent the letter
 * @param text human-readable description of the letter
 */
public record Letter(String messageId, String sequenceId, Integer index, String letter,
		@JsonDeserialize(using = IsoInstantDeserializer.class) Instant sentAt, String text) {

}
