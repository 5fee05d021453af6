package dev.alphabets.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Records in the wire format of the README: key = sequenceId, JSON value, header
 * {@code message-id}. Written here, not borrowed from a service, because each service
 * owns its payload types.
 */
final class WireLetters {

	static final String MESSAGE_ID_HEADER = "message-id";

	private static final DateTimeFormatter TEXT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	private WireLetters() {
	}

	/**
	 * The n-th letter of a run of rounds: round {@code n / 26}, letter {@code n % 26}.
	 */
	static ProducerRecord<String, byte[]> record(String topic, String run, long n, Instant now) {
		String sequenceId = UUID.nameUUIDFromBytes((run + "/" + (n / 26)).getBytes(StandardCharsets.UTF_8)).toString();
		int index = (int) (n % 26);
		String messageId = UUID.nameUUIDFromBytes((sequenceId + "/" + index).getBytes(StandardCharsets.UTF_8))
			.toString();
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, sequenceId,
				value(messageId, sequenceId, index, now));
		record.headers().add(MESSAGE_ID_HEADER, messageId.getBytes(StandardCharsets.UTF_8));
		return record;
	}

	static byte[] value(String messageId, String sequenceId, int index, Instant now) {
		Instant sentAt = now.truncatedTo(ChronoUnit.MILLIS);
		char letter = (char) ('A' + index);
		String json = "{\"messageId\":\"" + messageId + "\",\"sequenceId\":\"" + sequenceId + "\",\"index\":" + index
				+ ",\"letter\":\"" + letter + "\",\"sentAt\":\"" + sentAt + "\",\"text\":\"Character #" + letter
				+ " sent at " + TEXT_TIME.format(sentAt) + "\"}";
		return json.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Values for ProducerPerformance's {@code --payload-file}: real wire values, one a
	 * line (it sends no key and no header).
	 */
	static String payloads(int count) {
		StringBuilder lines = new StringBuilder();
		Instant now = Instant.now();
		for (int n = 0; n < count; n++) {
			lines.append(new String(record("t", "payload", n, now).value(), StandardCharsets.UTF_8)).append('\n');
		}
		return lines.toString();
	}

}
