package dev.alphabets.consumer.receiving;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IsoInstantDeserializerTests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-27T08:00:00Z", "2026-11-27T08:00:00.1Z", "2026-11-27T08:00:00.123Z",
			"2024-02-29T23:59:59.123456789Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z" })
	void parseWhenTextIsIsoUtcShouldReadWhatInstantParseReads(String text) {
		assertThat(IsoInstantDeserializer.parse(text)).isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-27T08:00:00+01:00", "2026-02-30T08:00:00Z", "2026-11-27T24:00:00Z",
			"2026-11-27 08:00:00Z", "2026-11-27T08:00:00.Z", "2026-11-27T08:00:0xZ", "+12026-11-27T08:00:00Z",
			"2026-11-27T08:00:00.1234567890Z" })
	void parseWhenTextIsAnotherFormShouldLeaveItToJackson(String text) {
		assertThat(IsoInstantDeserializer.parse(text)).isNull();
	}

	@Test
	void aLetterWithAnOffsetIsStillReadByJackson() {
		String json = """
				{"messageId":"m","sequenceId":"s","index":0,"letter":"A","sentAt":"2026-11-27T09:00:00+01:00","text":"t"}""";
		RecordHeaders headers = new RecordHeaders();
		headers.add(LetterDeserializer.MESSAGE_ID_HEADER, "m".getBytes(StandardCharsets.UTF_8));
		Letter letter = new LetterDeserializer().deserialize("alphabets", headers,
				json.getBytes(StandardCharsets.UTF_8));
		assertThat(letter.sentAt()).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
	}

}
