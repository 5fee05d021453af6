package dev.alphabets.consumer.receiving;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import dev.alphabets.consumer.ConsumerIntegrationTestSupport;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the wire format: the sample the producer's contract test also uses is read by the
 * deserializer the listener reads letters with.
 */
class LetterContractTests extends ConsumerIntegrationTestSupport {

	private static final Path SAMPLE = Path.of("src/test/resources/contract/letter.json");

	@Test
	void theContractSampleIsReadWithEveryField() throws Exception {
		byte[] sample = Files.readString(SAMPLE).strip().getBytes(StandardCharsets.UTF_8);
		RecordHeaders headers = new RecordHeaders();
		headers.add("message-id", "d94e16d2-1299-3fc8-9ce5-00e9eb6cb57f".getBytes(StandardCharsets.UTF_8));
		headers.add("__TypeId__", "dev.alphabets.producer.NoSuchClass".getBytes(StandardCharsets.UTF_8));

		Object value = valueDeserializer().deserialize(TOPIC, headers, sample);

		assertThat(value)
			.isEqualTo(new Letter("d94e16d2-1299-3fc8-9ce5-00e9eb6cb57f", "3b8f3c1e-5d2a-4c4e-9b1a-2f7e6d5c4b3a", 0,
					"A", Instant.parse("2026-11-27T08:00:00Z"), "Character #A sent at 2026-11-27_08:00:00"));
	}

	@Test
	void aSentAtWithMillisecondsIsRead() throws Exception {
		String json = Files.readString(SAMPLE).strip().replace("08:00:00Z", "08:00:00.123Z");
		RecordHeaders headers = new RecordHeaders();
		headers.add("message-id", "d94e16d2-1299-3fc8-9ce5-00e9eb6cb57f".getBytes(StandardCharsets.UTF_8));

		Letter letter = (Letter) valueDeserializer().deserialize(TOPIC, headers, json.getBytes(StandardCharsets.UTF_8));

		assertThat(letter.sentAt()).isEqualTo(Instant.parse("2026-11-27T08:00:00.123Z"));
	}

	@Test
	void theContractSampleSentThroughKafkaIsStored() throws Exception {
		String sample = Files.readString(SAMPLE).strip();
		String sequenceId = "3b8f3c1e-5d2a-4c4e-9b1a-2f7e6d5c4b3a";
		awaitAcknowledged(send(sequenceId, sample, "d94e16d2-1299-3fc8-9ce5-00e9eb6cb57f"));
		Map<String, Object> row = this.jdbc
			.sql("SELECT message_id, letter_index, letter, topic FROM received_messages WHERE sequence_id = ?")
			.param(sequenceId)
			.query()
			.singleRow();
		assertThat(row).containsEntry("message_id", "d94e16d2-1299-3fc8-9ce5-00e9eb6cb57f")
			.containsEntry("letter_index", 0)
			.containsEntry("letter", "A")
			.containsEntry("topic", TOPIC);
	}

	private static LetterDeserializer valueDeserializer() {
		return new LetterDeserializer();
	}

}
