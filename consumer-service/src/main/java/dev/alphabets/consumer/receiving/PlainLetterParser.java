package dev.alphabets.consumer.receiving;

import java.time.Instant;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a letter in the form the producer writes it (one object of the six fields, each a
 * string but {@code index}, an int) with Jackson's streaming parser: data binding took
 * most of the listener's own time. Anything else, including broken JSON, is left to data
 * binding, so what is accepted and refused, and why, is unchanged.
 */
final class PlainLetterParser {

	private static final JsonFactory FACTORY = new JsonFactory();

	private static final List<String> FIELDS = List.of("messageId", "sequenceId", "index", "letter", "sentAt", "text");

	private static final int INDEX = 2;

	private PlainLetterParser() {
	}

	/**
	 * The letter, or {@code null} when the value is not in the plain form.
	 * @param value the record's value
	 * @return the letter, or {@code null}
	 */
	static Letter parse(byte[] value) {
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), value)) {
			return parse(parser);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static Letter parse(JsonParser parser) {
		if (parser.nextToken() != JsonToken.START_OBJECT) {
			return null;
		}
		String messageId = null;
		String sequenceId = null;
		int index = 0;
		String letter = null;
		Instant sentAt = null;
		String text = null;
		int seen = 0;
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken token = parser.nextToken();
			int field = FIELDS.indexOf(name);
			// A field given twice, or of another type, is left to data binding.
			if (field < 0 || (seen & (1 << field)) != 0
					|| token != ((field == INDEX) ? JsonToken.VALUE_NUMBER_INT : JsonToken.VALUE_STRING)) {
				return null;
			}
			seen |= 1 << field;
			switch (field) {
				case 0 -> messageId = parser.getString();
				case 1 -> sequenceId = parser.getString();
				case INDEX -> {
					if (parser.getNumberType() != JsonParser.NumberType.INT) {
						return null;
					}
					index = parser.getIntValue();
				}
				case 3 -> letter = parser.getString();
				case 4 -> {
					sentAt = IsoInstantDeserializer.parse(parser.getString());
					if (sentAt == null) {
						return null;
					}
				}
				default -> text = parser.getString();
			}
		}
		if (seen != (1 << FIELDS.size()) - 1 || parser.nextToken() != null) {
			return null;
		}
		return new Letter(messageId, sequenceId, index, letter, sentAt, text);
	}

}
