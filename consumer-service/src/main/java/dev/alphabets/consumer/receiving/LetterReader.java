package dev.alphabets.consumer.receiving;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Reads a letter from a record's raw key and value: the listener receives bytes, so a
 * record that breaks the contract is dead-lettered with exactly the bytes it arrived
 * with.
 */
final class LetterReader {

	private final LetterDeserializer values = new LetterDeserializer();

	/**
	 * Reads and checks one record.
	 * @param record the record as it arrived
	 * @return the letter
	 * @throws InvalidLetterException when the record breaks the contract
	 * @throws DeserializationException when the value is not a letter in JSON
	 */
	Letter read(ConsumerRecord<byte[], byte[]> record) {
		if (record.value() == null) {
			throw new InvalidLetterException("value is null");
		}
		Letter letter;
		try {
			letter = this.values.deserialize(record.topic(), record.headers(), record.value());
		}
		catch (RuntimeException ex) {
			throw new DeserializationException("failed to deserialize; " + ex.getMessage(), record.value(), false, ex);
		}
		if (record.key() == null) {
			throw new InvalidLetterException("key is null");
		}
		String key = new String(record.key(), StandardCharsets.UTF_8);
		if (!key.equals(letter.sequenceId())) {
			throw new InvalidLetterException("key '" + key + "' differs from sequenceId " + letter.sequenceId());
		}
		return letter;
	}

}
