package dev.alphabets.consumer.receiving;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;

import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@link Letter} with Jackson and rejects any value that breaks the wire
 * contract.
 */
public class LetterDeserializer implements Deserializer<Letter> {

	/** Header that carries the message id as UTF-8 bytes. */
	public static final String MESSAGE_ID_HEADER = "message-id";

	private static final int MAX_ID_LENGTH = 64;

	// One reader for every record, and no type headers: a record's headers must not
	// choose the class that is instantiated.
	private static final ObjectReader READER = JsonMapper.builder().build().readerFor(Letter.class);

	@Override
	public Letter deserialize(String topic, byte[] data) {
		return deserialize(topic, new RecordHeaders(), data);
	}

	@Override
	public Letter deserialize(String topic, Headers headers, byte[] data) {
		Letter letter = (data != null) ? read(data) : null;
		if (letter == null) {
			throw new InvalidLetterException("value is null");
		}
		check(letter, headers.lastHeader(MESSAGE_ID_HEADER));
		return letter;
	}

	private static Letter read(byte[] data) {
		Letter letter = PlainLetterParser.parse(data);
		return (letter != null) ? letter : READER.readValue(data);
	}

	private static void check(Letter letter, Header messageIdHeader) {
		requireId("messageId", letter.messageId());
		requireId("sequenceId", letter.sequenceId());
		require(letter.index() != null, "index is missing");
		require(letter.letter() != null, "letter is missing");
		require(letter.sentAt() != null, "sentAt is missing");
		require(letter.text() != null, "text is missing");
		require(letter.letter().length() == 1 && letter.letter().charAt(0) >= 'A' && letter.letter().charAt(0) <= 'Z',
				"letter '" + letter.letter() + "' is not one of A-Z");
		require(letter.index() == letter.letter().charAt(0) - 'A',
				"index " + letter.index() + " does not match letter " + letter.letter());
		require(messageIdHeader != null && messageIdHeader.value() != null,
				"header " + MESSAGE_ID_HEADER + " is missing");
		String headerId = new String(messageIdHeader.value(), StandardCharsets.UTF_8);
		require(headerId.equals(letter.messageId()),
				"header " + MESSAGE_ID_HEADER + " '" + headerId + "' differs from messageId " + letter.messageId());
	}

	private static void requireId(String field, String value) {
		require(value != null && !value.isBlank(), field + " is missing");
		require(value.length() <= MAX_ID_LENGTH, field + " is longer than " + MAX_ID_LENGTH + " characters");
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new InvalidLetterException(message);
		}
	}

}
