package dev.alphabets.consumer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.alphabets.consumer.sequences.LetterStore;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * One application context, shared by every integration test class that adds no properties
 * of its own, running against an in-process KRaft broker and an in-memory H2 database
 * behind a switch. Each context has its own broker and its own database: a class with
 * properties of its own gets a new context, and a database shared with an earlier one
 * would hand it that context's stored partition positions, offsets of another broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"spring.datasource.url=jdbc:h2:mem:consumer-it-${random.uuid};MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
		"alphabet.back-off.initial-interval=100ms", "alphabet.back-off.max-interval=500ms",
		"alphabet.operator.password=" + ConsumerIntegrationTestSupport.OPERATOR_PASSWORD })
@EmbeddedKafka(partitions = 3,
		topics = { ConsumerIntegrationTestSupport.TOPIC, ConsumerIntegrationTestSupport.DEAD_LETTER_TOPIC })
@Import(IntegrationTestConfiguration.class)
public abstract class ConsumerIntegrationTestSupport {

	protected static final String TOPIC = "alphabets";

	protected static final String DEAD_LETTER_TOPIC = "alphabets-dlt";

	protected static final String GROUP = "alphabet-consumer";

	protected static final String OPERATOR_PASSWORD = "test-operator";

	protected static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static Producer<byte[], byte[]> producer;

	@Autowired
	protected EmbeddedKafkaBroker broker;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected MeterRegistry meters;

	@MockitoSpyBean
	protected LetterStore store;

	@LocalServerPort
	protected int port;

	@BeforeAll
	static void createProducer(@Autowired EmbeddedKafkaBroker broker) {
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	@AfterAll
	static void closeProducer() {
		producer.close(Duration.ofSeconds(5));
	}

	protected static String newSequenceId() {
		return UUID.randomUUID().toString();
	}

	/** The deterministic id the producer gives to one letter of one sequence. */
	protected static String messageId(String sequenceId, int index) {
		return UUID.nameUUIDFromBytes((sequenceId + "/" + index).getBytes(StandardCharsets.UTF_8)).toString();
	}

	protected static String letterJson(String messageId, String sequenceId, int index) {
		char letter = (char) ('A' + index);
		return """
				{"messageId":"%s","sequenceId":"%s","index":%d,"letter":"%s","sentAt":"2026-11-27T08:00:00.123Z",\
				"text":"Character #%s sent at 2026-11-27_08:00:00"}""".formatted(messageId, sequenceId, index, letter,
				letter);
	}

	/** Sends one letter in the wire format and waits for the broker to acknowledge it. */
	protected RecordMetadata sendLetter(String sequenceId, int index) throws Exception {
		String messageId = messageId(sequenceId, index);
		return send(sequenceId, letterJson(messageId, sequenceId, index), messageId);
	}

	protected RecordMetadata send(String key, String value, String messageIdHeader) throws Exception {
		return send(TOPIC, key, value, messageIdHeader);
	}

	protected RecordMetadata send(String topic, String key, String value, String messageIdHeader) throws Exception {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, bytes(key), bytes(value));
		if (messageIdHeader != null) {
			record.headers().add(new RecordHeader("message-id", bytes(messageIdHeader)));
		}
		return producer.send(record).get(10, TimeUnit.SECONDS);
	}

	private static byte[] bytes(String text) {
		return (text != null) ? text.getBytes(StandardCharsets.UTF_8) : null;
	}

	protected int storedRows(String sequenceId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM received_messages WHERE sequence_id = ?")
			.param(sequenceId)
			.query(Integer.class)
			.single();
	}

	protected double count(String meter) {
		return this.meters.get(meter).counter().count();
	}

	protected long committedOffset(int partition) throws Exception {
		try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			OffsetAndMetadata committed = admin.listConsumerGroupOffsets(GROUP)
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS)
				.get(new TopicPartition(TOPIC, partition));
			return (committed != null) ? committed.offset() : -1;
		}
	}

	/** Waits until the group has committed the offset after the given record. */
	protected void awaitAcknowledged(RecordMetadata sent) {
		await().atMost(TIMEOUT).until(() -> committedOffset(sent.partition()) > sent.offset());
	}

	protected static JsonNode json(String body) {
		return JSON.readTree(body);
	}

	protected HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** A GET with the operator's HTTP basic credentials. */
	protected HttpResponse<String> getAsOperator(String path) throws Exception {
		String credentials = Base64.getEncoder()
			.encodeToString(("operator:" + OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8));
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Authorization", "Basic " + credentials)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
