package dev.alphabets.consumer.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.alphabets.consumer.ConsumerApplication;
import dev.alphabets.localkafka.SecuredLocalKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The consumer on a secured broker (SASL_SSL, SCRAM, ACLs) as its own principal: it
 * applies letters; it may not write the letters' topic; and when it may not write the
 * dead-letter topic, a poison pill holds its partition (nothing after it is applied,
 * nothing is skipped) with readiness naming the refusal, until the ACL is back.
 */
class SecuredKafkaTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AclBinding DEAD_LETTER_WRITE = new AclBinding(
			new ResourcePattern(ResourceType.TOPIC, "alphabets-dlt", PatternType.LITERAL),
			new AccessControlEntry("User:consumer", "*", AclOperation.WRITE, AclPermissionType.ALLOW));

	private static SecuredLocalKafka kafka;

	private static ConfigurableApplicationContext consumer;

	@BeforeAll
	static void startSecuredBrokerAndConsumer() {
		kafka = SecuredLocalKafka.start(
				Path.of("target", "secured-kafka", UUID.randomUUID().toString(), "kafka").toAbsolutePath(),
				Duration.ofMinutes(5));
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.banner-mode=off",
				"--alphabet.operator.password=s3cret", "--spring.datasource.url=jdbc:h2:mem:secured-consumer"
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"));
		kafka.springProperties("consumer").forEach((name, value) -> args.add("--" + name + "=" + value));
		consumer = new SpringApplicationBuilder(ConsumerApplication.class).run(args.toArray(String[]::new));
	}

	@AfterAll
	static void stop() {
		if (consumer != null) {
			consumer.close();
		}
		if (kafka != null) {
			kafka.close();
		}
	}

	@Test
	void consumerPrincipalShouldApplyLettersWrittenByTheProducerPrincipal() throws Exception {
		String sequence = UUID.randomUUID().toString();
		for (int index = 0; index < 3; index++) {
			send("producer", 1, sequence, letter(sequence, index));
		}
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(letters(sequence)).containsExactly("A", "B", "C"));
		assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	@Test
	void consumerPrincipalShouldNotWriteTheLettersTopic() {
		assertThatThrownBy(() -> send("consumer", 0, "seq-fake", letter("seq-fake", 0)))
			.hasRootCauseInstanceOf(TopicAuthorizationException.class);
	}

	@Test
	void refusedDeadLetterShouldHoldItsPartitionAndReportWhyUntilTheAclIsBack() throws Exception {
		try (Admin admin = Admin.create(kafka.clientConfig("admin"))) {
			admin.deleteAcls(List.of(DEAD_LETTER_WRITE.toFilter())).all().get(30, TimeUnit.SECONDS);
			String sequence = UUID.randomUUID().toString();
			send("producer", 2, sequence, "not a letter");
			send("producer", 2, sequence, letter(sequence, 0));
			await().atMost(TIMEOUT).untilAsserted(() -> {
				HttpResponse<String> readiness = get("/actuator/health/readiness");
				assertThat(readiness.statusCode()).isEqualTo(503);
				JsonNode deadLetters = JSON.readTree(readiness.body()).at("/components/deadLetters");
				assertThat(deadLetters.at("/status").asString()).isEqualTo("DOWN");
				// Topic or cluster: an idempotent producer that may write no topic at all
				// is refused its producer id.
				assertThat(deadLetters.at("/details/partitions/alphabets-2").asString())
					.containsPattern("(Topic|Cluster)AuthorizationException");
			});
			// Held, not skipped: the letter behind the poison pill is not applied.
			assertThat(letters(sequence)).isEmpty();
			assertThat(deadLetters()).doesNotContain("not a letter");

			admin.createAcls(List.of(DEAD_LETTER_WRITE)).all().get(30, TimeUnit.SECONDS);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(letters(sequence)).containsExactly("A"));
			assertThat(deadLetters()).contains("not a letter");
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200));
		}
		finally {
			try (Admin admin = Admin.create(kafka.clientConfig("admin"))) {
				admin.createAcls(List.of(DEAD_LETTER_WRITE)).all().get(30, TimeUnit.SECONDS);
			}
		}
	}

	private static String letter(String sequence, int index) {
		String messageId = UUID.nameUUIDFromBytes((sequence + "/" + index).getBytes(StandardCharsets.UTF_8)).toString();
		char letter = (char) ('A' + index);
		return JSON.writeValueAsString(Map.of("messageId", messageId, "sequenceId", sequence, "index", index, "letter",
				String.valueOf(letter), "sentAt", "2026-12-01T17:00:00Z", "text",
				"Character #" + letter + " sent at 2026-12-01_17:00:00"));
	}

	private static void send(String principal, int partition, String key, String value) throws Exception {
		Map<String, Object> config = kafka.clientConfig(principal);
		config.put("max.block.ms", 30_000);
		config.put("delivery.timeout.ms", 30_000);
		config.put("request.timeout.ms", 10_000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>("alphabets", partition, key, value);
			if (value.startsWith("{")) {
				record.headers()
					.add("message-id",
							JSON.readTree(value).get("messageId").asString().getBytes(StandardCharsets.UTF_8));
			}
			producer.send(record).get(40, TimeUnit.SECONDS);
		}
	}

	/** The letters applied for a sequence, in index order. */
	private static List<String> letters(String sequence) throws Exception {
		HttpResponse<String> response = get("/api/sequences/" + sequence);
		if (response.statusCode() == 404) {
			return List.of();
		}
		assertThat(response.statusCode()).isEqualTo(200);
		List<String> letters = new ArrayList<>();
		JSON.readTree(response.body()).get("letters").forEach((letter) -> letters.add(letter.get("letter").asString()));
		return letters;
	}

	/** The values on the dead-letter topic, read as the admin. */
	private static List<String> deadLetters() {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> reader = new KafkaConsumer<>(kafka.clientConfig("admin"),
				new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = reader.partitionsFor("alphabets-dlt", Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			reader.assign(partitions);
			reader.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = reader.endOffsets(partitions, Duration.ofSeconds(10));
			long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (partitions.stream().anyMatch((partition) -> reader.position(partition) < ends.get(partition))
					&& System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
			}
		}
		return values;
	}

	private static HttpResponse<String> get(String path) throws Exception {
		int port = ((WebServerApplicationContext) consumer).getWebServer().getPort();
		String credentials = Base64.getEncoder().encodeToString("operator:s3cret".getBytes(StandardCharsets.UTF_8));
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Basic " + credentials)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
