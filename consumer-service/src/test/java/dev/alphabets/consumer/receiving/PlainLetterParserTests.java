package dev.alphabets.consumer.receiving;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming parser reads the producer's form exactly as data binding does, and leaves
 * every other form to data binding.
 */
class PlainLetterParserTests {

	private static final String SAMPLE = """
			{"messageId":"d94e16d2-1299-3fc8-9ce5-00e9eb6cb57f","sequenceId":"3b8f3c1e","index":2,"letter":"C",\
			"sentAt":"2026-11-27T08:00:00.123456Z","text":"Character #C sent at 2026-11-27_08:00:00"}""";

	@Test
	void theProducersFormIsReadAsDataBindingReadsIt() throws Exception {
		String contract = Files.readString(Path.of("src/test/resources/contract/letter.json")).strip();
		String reordered = """
				{ "text" : "\\u00e9\\"" , "sentAt":"2026-11-27T08:00:00Z",
				  "letter":"A", "index":0, "sequenceId":"s", "messageId":"m" }""";
		for (String json : new String[] { SAMPLE, contract, reordered }) {
			Letter letter = PlainLetterParser.parse(bytes(json));
			assertThat(letter).isNotNull().isEqualTo(dataBinding(json));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"index\":2,", "\"index\":\"2\",", "\"index\":2.0,", "\"index\":null,",
			"\"index\":9999999999,", "\"index\":2,\"extra\":1,", "\"index\":2,\"letter\":\"C\",",
			"\"index\":2,\"messageId\":{},", "\"index\":2,\"sentAt\":\"2026-11-27T08:00:00+01:00\"," })
	void anyOtherFormIsLeftToDataBinding(String replacement) {
		String json = SAMPLE.replace("\"index\":2,", replacement);
		if (replacement.equals("\"index\":2,")) {
			json = json.replace(",\"text\":", ",\"texts\":");
		}
		assertThat(PlainLetterParser.parse(bytes(json))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "[]", "{", "{\"messageId\":\"a\"}", "{\"messageId\":\"a\"} {}", "null" })
	void brokenOrIncompleteValuesAreLeftToDataBinding(String json) {
		assertThat(PlainLetterParser.parse(bytes(json))).isNull();
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

	private static Letter dataBinding(String json) {
		return JsonMapper.builder().build().readerFor(Letter.class).readValue(bytes(json));
	}

}
