package dev.alphabets.consumer.receiving;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads {@code sentAt} in the form the producer writes ({@code 2026-11-27T08:00:00Z},
 * with up to nine fraction digits) without a {@code DateTimeFormatter}, which took half
 * of the time to read a letter; any other form goes to Jackson's own {@code Instant}
 * deserializer, so what it accepts and refuses is unchanged.
 */
final class IsoInstantDeserializer extends ValueDeserializer<Instant> {

	@Override
	public Instant deserialize(JsonParser parser, DeserializationContext context) {
		if (parser.hasToken(JsonToken.VALUE_STRING)) {
			Instant instant = parse(parser.getString());
			if (instant != null) {
				return instant;
			}
		}
		return context.readValue(parser, Instant.class);
	}

	/**
	 * The instant, or {@code null} when the text is not {@code yyyy-MM-ddTHH:mm:ss[.f]Z}.
	 */
	static Instant parse(String text) {
		int length = text.length();
		if (length < 20 || length > 30 || length == 21 || text.charAt(4) != '-' || text.charAt(7) != '-'
				|| text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
				|| text.charAt(length - 1) != 'Z') {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 7);
		int day = digits(text, 8, 10);
		int hour = digits(text, 11, 13);
		int minute = digits(text, 14, 16);
		int second = digits(text, 17, 19);
		int nanos = 0;
		if (length > 20) {
			if (text.charAt(19) != '.') {
				return null;
			}
			int fraction = digits(text, 20, length - 1);
			if (fraction < 0) {
				return null;
			}
			nanos = fraction;
			for (int i = length - 1 - 20; i < 9; i++) {
				nanos *= 10;
			}
		}
		if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
			return null;
		}
		try {
			long days = LocalDate.of(year, month, day).toEpochDay();
			return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

	/** The number written by the digits from {@code start} to {@code end}, or -1. */
	private static int digits(String text, int start, int end) {
		int value = 0;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

}
