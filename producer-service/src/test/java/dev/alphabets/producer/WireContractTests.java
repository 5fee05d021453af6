package dev.alphabets.producer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.sending.Letter;
import dev.alphabets.producer.sending.LetterSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the wire format: the consumer's contract test reads the same sample file.
 */
class WireContractTests {

	private static final String SEQUENCE = "3b8f3c1e-5d2a-4c4e-9b1a-2f7e6d5c4b3a";

	@Test
	void serializedLetterShouldMatchTheContractSampleWithoutTypeHeaders() throws IOException {
		Letter letter = Letter.of(SEQUENCE, 0, Instant.parse("2026-11-27T08:00:00Z"));
		RecordHeaders headers = new RecordHeaders();
		try (JacksonJsonSerializer<Letter> serializer = new JacksonJsonSerializer<>()) {
			serializer.configure(Map.of(JacksonJsonSerializer.ADD_TYPE_INFO_HEADERS, false), false);
			byte[] value = serializer.serialize("alphabets", headers, letter);
			JsonMapper json = JsonMapper.builder().build();
			JsonNode actual = json.readTree(value);
			JsonNode expected = json.readTree(sample());
			assertThat(actual).isEqualTo(expected);
			assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo(sample().trim());
		}
		assertThat(headers.toArray()).isEmpty();
	}

	@Test
	void letterSerializerShouldWriteTheContractSample() throws IOException {
		Letter letter = Letter.of(SEQUENCE, 0, Instant.parse("2026-11-27T08:00:00Z"));
		RecordHeaders headers = new RecordHeaders();
		try (LetterSerializer serializer = new LetterSerializer()) {
			byte[] value = serializer.serialize("alphabets", headers, letter);
			assertThat(new String(value, StandardCharsets.UTF_8)).isEqualTo(sample().trim());
		}
		assertThat(headers.toArray()).isEmpty();
	}

	@Test
	void letterSerializerShouldWriteWhatJacksonDataBindingWritesForAnyTime() {
		Instant start = Instant.parse("2026-11-27T08:00:00Z");
		try (LetterSerializer fast = new LetterSerializer();
				JacksonJsonSerializer<Letter> binding = new JacksonJsonSerializer<>()) {
			binding.configure(Map.of(JacksonJsonSerializer.ADD_TYPE_INFO_HEADERS, false), false);
			// Whole seconds, whole tenths, whole hundredths and any millisecond, the same
			// instant twice in a row, and a letter whose text needs escaping.
			for (long nanos : new long[] { 0, 100_000_000, 120_000_000, 123_000_000, 123_456_789, 123_456_789,
					999_999_999, 5_000_000, 1_000 }) {
				Letter letter = Letter.of(SEQUENCE, (int) (nanos % 26), start.plusNanos(nanos));
				assertThat(fast.serialize("alphabets", letter)).asString(StandardCharsets.UTF_8)
					.isEqualTo(new String(binding.serialize("alphabets", letter), StandardCharsets.UTF_8));
			}
			Letter odd = new Letter("id \"1\"", "s\u00e9q\n", 3, "D", start.plusMillis(7), "tab\tand \u2028");
			assertThat(fast.serialize("alphabets", odd)).asString(StandardCharsets.UTF_8)
				.isEqualTo(new String(binding.serialize("alphabets", odd), StandardCharsets.UTF_8));
		}
	}

	@Test
	void letterSerializerShouldWriteAnyOtherValueAsJsonSuchAsThePositionRecord() {
		try (LetterSerializer serializer = new LetterSerializer()) {
			assertThat(serializer.serialize("alphabets-sender-positions", Map.of("nextIndex", 4)))
				.asString(StandardCharsets.UTF_8)
				.isEqualTo("{\"nextIndex\":4}");
			assertThat(serializer.serialize("alphabets-sender-positions", null)).isNull();
		}
	}

	@Test
	void messageIdShouldBeDeterministicPerSequenceAndIndex() {
		assertThat(Letter.messageId(SEQUENCE, 0)).isEqualTo("d94e16d2-1299-3fc8-9ce5-00e9eb6cb57f")
			.isEqualTo(Letter.of(SEQUENCE, 0, Instant.now()).messageId());
		assertThat(Letter.messageId(SEQUENCE, 1)).isNotEqualTo(Letter.messageId(SEQUENCE, 0));
		assertThat(Letter.messageId("another-sequence", 0)).isNotEqualTo(Letter.messageId(SEQUENCE, 0));
		for (int index = 0; index < Letter.ROUND_LENGTH; index++) {
			assertThat(Letter.messageId(SEQUENCE, index)).isEqualTo(
					UUID.nameUUIDFromBytes((SEQUENCE + "/" + index).getBytes(StandardCharsets.UTF_8)).toString());
		}
	}

	@Test
	void letterShouldCarryItsIndexAsTheLetterAndTheTimeInItsText() {
		Letter z = Letter.of(SEQUENCE, 25, Instant.parse("2026-11-27T08:00:05.123456Z"));
		assertThat(z.letter()).isEqualTo("Z");
		assertThat(z.sentAt()).isEqualTo(Instant.parse("2026-11-27T08:00:05.123Z"));
		assertThat(z.text()).isEqualTo("Character #Z sent at 2026-11-27_08:00:05");
		assertThat(Letter.of(SEQUENCE, 1, Instant.parse("2026-11-27T08:00:06Z")).text())
			.isEqualTo("Character #B sent at 2026-11-27_08:00:06");
		assertThat(Letter.of(SEQUENCE, 2, Instant.parse("2026-11-27T08:00:05.999Z")).text())
			.isEqualTo("Character #C sent at 2026-11-27_08:00:05");
	}

	private static String sample() throws IOException {
		try (InputStream in = WireContractTests.class.getResourceAsStream("/contract/letter.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
