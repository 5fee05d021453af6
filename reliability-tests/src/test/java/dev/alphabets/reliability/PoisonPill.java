package dev.alphabets.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A record that breaks the wire contract, written straight to the topic by a plain
 * client, and where it landed.
 *
 * @param kind what is wrong with it
 * @param key the record key
 * @param value the record value
 * @param partition the partition it landed on
 * @param offset the offset it landed at
 */
record PoisonPill(String kind, String key, byte[] value, int partition, long offset) {

	private static final String VALID_FIELDS = "\"sequenceId\":\"%s\",\"sentAt\":\"2026-01-01T00:00:00Z\",\"text\":\"x\"";

	/**
	 * Writes four kinds of poison pill with the key of a live sequence, so that they land
	 * between its valid letters.
	 * @param client the cluster's bootstrap servers and any security settings
	 * @param topic the letters topic
	 * @param sequenceId the key of the sequence being sent
	 * @return the pills as written
	 */
	static List<PoisonPill> inject(Map<String, Object> client, String topic, String sequenceId) throws Exception {
		String fields = String.format(VALID_FIELDS, sequenceId);
		List<String[]> pills = List.of(new String[] { "not JSON", "{this is not json", null },
				new String[] { "fields missing", "{\"messageId\":\"pill-2\"}", "pill-2" },
				new String[] { "index does not match letter",
						"{\"messageId\":\"pill-3\",\"index\":3,\"letter\":\"A\"," + fields + "}", "pill-3" },
				new String[] { "message-id header missing",
						"{\"messageId\":\"pill-4\",\"index\":0,\"letter\":\"A\"," + fields + "}", null });
		Map<String, Object> config = new HashMap<>(client);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		List<PoisonPill> written = new ArrayList<>();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (String[] pill : pills) {
				byte[] key = sequenceId.getBytes(StandardCharsets.UTF_8);
				byte[] value = pill[1].getBytes(StandardCharsets.UTF_8);
				ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
				if (pill[2] != null) {
					record.headers().add("message-id", pill[2].getBytes(StandardCharsets.UTF_8));
				}
				RecordMetadata metadata = producer.send(record).get(30, TimeUnit.SECONDS);
				written.add(new PoisonPill(pill[0], sequenceId, value, metadata.partition(), metadata.offset()));
			}
		}
		return written;
	}

}
