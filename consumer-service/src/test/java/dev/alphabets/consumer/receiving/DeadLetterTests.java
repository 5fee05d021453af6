package dev.alphabets.consumer.receiving;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.alphabets.consumer.ConsumerIntegrationTestSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records that break the contract land on the dead-letter topic with their original bytes
 * and the exception headers, and the partition moves on.
 */
class DeadLetterTests extends ConsumerIntegrationTestSupport {

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	private static final String DESERIALIZATION = "org.springframework.kafka.support.serializer.DeserializationException";

	@Test
	void poisonPillsAreDeadLetteredWithTheirOriginalBytesAndTheFollowingLetterIsStored() throws Exception {
		String sequenceId = newSequenceId();
		String messageId = messageId(sequenceId, 0);
		String valid = letterJson(messageId, sequenceId, 0);
		double deadLettered = count("alphabet.messages.dead.lettered");
		Map<String, String> poisons = new LinkedHashMap<>();
		poisons.put("not JSON", "this is not JSON");
		poisons.put("truncated JSON", valid.substring(0, 40));
		poisons.put("wrong field types", valid.replace("\"index\":0", "\"index\":\"zero\""));
		poisons.put("missing fields", valid.replace(",\"sentAt\":\"2026-11-27T08:00:00.123Z\"", ""));
		poisons.put("letter outside A-Z", valid.replace("\"letter\":\"A\"", "\"letter\":\"\u00c4\""));
		poisons.put("header disagrees with body", valid);
		poisons.put("null value", null);
		Map<Long, String> cases = new HashMap<>();
		Map<Long, String> sentValues = new HashMap<>();
		int partition = -1;
		for (Map.Entry<String, String> poison : poisons.entrySet()) {
			String header = poison.getKey().startsWith("header") ? UUID.randomUUID().toString() : messageId;
			RecordMetadata sent = send(sequenceId, poison.getValue(), header);
			cases.put(sent.offset(), poison.getKey());
			sentValues.put(sent.offset(), poison.getValue());
			partition = sent.partition();
		}
		RecordMetadata following = send(sequenceId, valid, messageId);
		awaitAcknowledged(following);
		assertThat(storedRows(sequenceId)).isOne();

		Map<Long, ConsumerRecord<byte[], byte[]>> deadLetters = deadLetters(partition, cases.keySet());
		for (Map.Entry<Long, ConsumerRecord<byte[], byte[]>> entry : deadLetters.entrySet()) {
			ConsumerRecord<byte[], byte[]> deadLetter = entry.getValue();
			String name = cases.get(entry.getKey());
			assertThat(deadLetter.partition()).as(name).isEqualTo(partition);
			assertThat(deadLetter.key()).as(name).isEqualTo(sequenceId.getBytes(StandardCharsets.UTF_8));
			String original = sentValues.get(entry.getKey());
			assertThat(deadLetter.value()).as(name)
				.isEqualTo((original != null) ? original.getBytes(StandardCharsets.UTF_8) : null);
			assertThat(header(deadLetter, "kafka_dlt-original-topic")).as(name).isEqualTo(TOPIC);
			assertThat(header(deadLetter, "kafka_dlt-exception-fqcn")).as(name).isNotBlank();
			assertThat(header(deadLetter, "kafka_dlt-exception-stacktrace")).as(name).isNotBlank();
			assertThat(deadLetter.headers().lastHeader("message-id")).as(name).isNotNull();
		}
		assertThat(exception(deadLetters, cases, "not JSON")).startsWith(DESERIALIZATION).contains("tools.jackson");
		assertThat(exception(deadLetters, cases, "truncated JSON")).startsWith(DESERIALIZATION);
		assertThat(exception(deadLetters, cases, "wrong field types")).startsWith(DESERIALIZATION)
			.contains("tools.jackson");
		assertThat(exception(deadLetters, cases, "missing fields")).startsWith(DESERIALIZATION)
			.contains("InvalidLetterException: sentAt is missing");
		assertThat(exception(deadLetters, cases, "letter outside A-Z")).startsWith(DESERIALIZATION)
			.contains("InvalidLetterException: letter '\u00c4' is not one of A-Z");
		assertThat(exception(deadLetters, cases, "header disagrees with body")).startsWith(DESERIALIZATION)
			.contains("differs from messageId");
		assertThat(exception(deadLetters, cases, "null value")).contains("InvalidLetterException")
			.contains("value is null");
		await().atMost(TIMEOUT)
			.untilAsserted(
					() -> assertThat(count("alphabet.messages.dead.lettered") - deadLettered).isEqualTo(cases.size()));
	}

	@Test
	void aLetterWithoutKeyIsDeadLetteredWithItsOriginalBytesAndNoTypeHeader() throws Exception {
		String sequenceId = newSequenceId();
		String messageId = messageId(sequenceId, 0);
		// Spacing and field order that no serializer would reproduce.
		String value = "{ \"letter\":\"A\", " + letterJson(messageId, sequenceId, 0).substring(1);
		RecordMetadata sent = send(null, value, messageId);
		ConsumerRecord<byte[], byte[]> deadLetter = deadLetters(sent.partition(), Set.of(sent.offset()))
			.get(sent.offset());
		assertThat(deadLetter.key()).isNull();
		assertThat(deadLetter.value()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
		assertThat(header(deadLetter, "kafka_dlt-exception-message")).contains("key is null");
		assertThat(deadLetter.headers()).noneMatch((header) -> header.key().startsWith("__"));
		assertThat(storedRows(sequenceId)).isZero();
	}

	@Test
	void aLetterWhoseKeyDiffersFromItsSequenceIsDeadLetteredWithItsOriginalBytes() throws Exception {
		String sequenceId = newSequenceId();
		String messageId = messageId(sequenceId, 0);
		String value = letterJson(messageId, sequenceId, 0).replace(",", " , ");
		RecordMetadata sent = send("another-key", value, messageId);
		ConsumerRecord<byte[], byte[]> deadLetter = deadLetters(sent.partition(), Set.of(sent.offset()))
			.get(sent.offset());
		assertThat(deadLetter.key()).isEqualTo("another-key".getBytes(StandardCharsets.UTF_8));
		assertThat(deadLetter.value()).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
		assertThat(header(deadLetter, "kafka_dlt-exception-message")).contains("differs from sequenceId");
		assertThat(header(deadLetter, "message-id")).isEqualTo(messageId);
		assertThat(deadLetter.headers()).noneMatch((header) -> header.key().startsWith("__"));
	}

	@Test
	void aLetterTheDatabaseRefusesInTheMiddleOfAPollIsTheOnlyOneDeadLettered() throws Exception {
		String sequenceId = newSequenceId();
		double deadLettered = count("alphabet.messages.dead.lettered");
		MessageListenerContainer container = this.registry.getListenerContainer("alphabets");
		// Stopped while the letters are sent, so that one poll brings them all.
		container.stop();
		RecordMetadata refused = null;
		String refusedValue = null;
		RecordMetadata last = null;
		try {
			for (int index = 0; index < 5; index++) {
				String messageId = messageId(sequenceId, index);
				String value = letterJson(messageId, sequenceId, index);
				if (index == 2) {
					// Java reads this instant; H2 stores none past the year 999,999,999.
					refusedValue = value.replace("2026-11-27T08:00:00.123Z", "+1000000000-12-31T23:59:59Z");
					refused = send(sequenceId, refusedValue, messageId);
					last = refused;
				}
				else {
					last = send(sequenceId, value, messageId);
				}
			}
		}
		finally {
			container.start();
		}
		awaitAcknowledged(last);
		List<Integer> stored = this.jdbc
			.sql("SELECT letter_index FROM received_messages WHERE sequence_id = ? ORDER BY kafka_offset")
			.param(sequenceId)
			.query(Integer.class)
			.list();
		assertThat(stored).containsExactly(0, 1, 3, 4);
		ConsumerRecord<byte[], byte[]> deadLetter = deadLetters(refused.partition(), Set.of(refused.offset()))
			.get(refused.offset());
		assertThat(deadLetter.value()).isEqualTo(refusedValue.getBytes(StandardCharsets.UTF_8));
		assertThat(deadLetter.key()).isEqualTo(sequenceId.getBytes(StandardCharsets.UTF_8));
		assertThat(count("alphabet.messages.dead.lettered") - deadLettered).isEqualTo(1);
	}

	private static String exception(Map<Long, ConsumerRecord<byte[], byte[]>> deadLetters, Map<Long, String> cases,
			String name) {
		Long offset = cases.entrySet().stream().filter((e) -> e.getValue().equals(name)).findFirst().get().getKey();
		ConsumerRecord<byte[], byte[]> deadLetter = deadLetters.get(offset);
		return header(deadLetter, "kafka_dlt-exception-fqcn") + " "
				+ header(deadLetter, "kafka_dlt-exception-cause-fqcn") + " "
				+ header(deadLetter, "kafka_dlt-exception-message") + " "
				+ header(deadLetter, "kafka_dlt-exception-stacktrace");
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/** Reads the dead letters of one partition, keyed by their original offset. */
	private Map<Long, ConsumerRecord<byte[], byte[]>> deadLetters(int partition, Set<Long> originalOffsets) {
		Map<Long, ConsumerRecord<byte[], byte[]>> found = new HashMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			TopicPartition deadLetterPartition = new TopicPartition(DEAD_LETTER_TOPIC, partition);
			consumer.assign(List.of(deadLetterPartition));
			consumer.seekToBeginning(List.of(deadLetterPartition));
			await().atMost(TIMEOUT).until(() -> {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					Header originalPartition = record.headers().lastHeader("kafka_dlt-original-partition");
					long originalOffset = ByteBuffer
						.wrap(record.headers().lastHeader("kafka_dlt-original-offset").value())
						.getLong();
					if (ByteBuffer.wrap(originalPartition.value()).getInt() == partition
							&& originalOffsets.contains(originalOffset)) {
						found.put(originalOffset, record);
					}
				}
				return found.keySet().containsAll(originalOffsets);
			});
		}
		return found;
	}

}
