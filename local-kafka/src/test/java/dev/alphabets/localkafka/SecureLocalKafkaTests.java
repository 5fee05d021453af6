package dev.alphabets.localkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A secured three-node cluster ({@code --secure}): the brokers authenticate each other,
 * each principal may do its own work and nothing else, and a client without valid
 * credentials is refused.
 */
class SecureLocalKafkaTests {

	private static LocalKafkaProcess kafka;

	@BeforeAll
	static void startSecuredCluster() throws Exception {
		Path data = Path.of("target", "secure-local-kafka-tests", UUID.randomUUID().toString()).toAbsolutePath();
		kafka = new LocalKafkaProcess(3, data, true).start(Duration.ofSeconds(150));
	}

	@AfterAll
	static void stopCluster() throws Exception {
		if (kafka != null) {
			kafka.stop();
			kafka.close();
		}
	}

	@Test
	void adminShouldHaveDeclaredThePairsTopicsReplicatedOnEveryBroker() throws Exception {
		try (Admin admin = kafka.admin()) {
			Map<String, TopicDescription> topics = admin
				.describeTopics(Set.of(AccessRules.TOPIC, AccessRules.DEAD_LETTER_TOPIC, AccessRules.POSITION_TOPIC))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS);
			assertThat(topics.get(AccessRules.TOPIC).partitions()).hasSize(3)
				.allSatisfy((partition) -> assertThat(partition.isr()).hasSize(3));
			assertThat(topics.get(AccessRules.DEAD_LETTER_TOPIC).partitions()).hasSize(3);
			assertThat(topics.get(AccessRules.POSITION_TOPIC).partitions()).hasSize(1);
		}
	}

	@Test
	void producerShouldWriteLettersAndConsumerShouldReadThemInItsGroup() throws Exception {
		String key = "seq-" + UUID.randomUUID();
		send("producer", AccessRules.TOPIC, key, "A");
		send("producer", AccessRules.TOPIC, key, "B");
		Map<String, Object> config = kafka.clientConfig("consumer");
		config.put(ConsumerConfig.GROUP_ID_CONFIG, AccessRules.CONSUMER_GROUP);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<String> read = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(AccessRules.TOPIC));
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.key().equals(key)) {
						read.add(record.value());
					}
				}
				return read.size() == 2;
			});
			consumer.commitSync();
		}
		assertThat(read).containsExactly("A", "B");
	}

	@Test
	void producerShouldReadPartitionTailsWithoutAGroup() throws Exception {
		send("producer", AccessRules.TOPIC, "seq-tail", "Z");
		Map<String, Object> config = kafka.clientConfig("producer");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(AccessRules.TOPIC, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(info.topic(), info.partition()))
				.toList();
			consumer.assign(partitions);
			assertThat(consumer.endOffsets(partitions, Duration.ofSeconds(30))
				.values()
				.stream()
				.mapToLong(Long::longValue)
				.sum()).isPositive();
		}
	}

	@Test
	void consumerShouldWriteTheDeadLetterTopicButNotTheLettersTopic() throws Exception {
		send("consumer", AccessRules.DEAD_LETTER_TOPIC, "seq-dead", "broken");
		assertThatThrownBy(() -> send("consumer", AccessRules.TOPIC, "seq-fake", "A"))
			.hasRootCauseInstanceOf(TopicAuthorizationException.class);
	}

	@Test
	void consumerShouldNotReadInAnotherGroup() {
		Map<String, Object> config = kafka.clientConfig("consumer");
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "someone-else");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(AccessRules.TOPIC));
			assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(30)))
				.isInstanceOf(GroupAuthorizationException.class);
		}
	}

	@Test
	void principalWithoutAclShouldBeRefused() throws Exception {
		String password = UUID.randomUUID().toString();
		try (Admin admin = kafka.admin()) {
			admin
				.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("stranger",
						new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		Map<String, Object> config = kafka.clientConfig("admin");
		config.putAll(Secrets.of(kafka.options().secretsDirectory()).clientConfig("stranger", password));
		// The user is known (authentication passes once the credential has spread) but
		// has no ACL.
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThatThrownBy(() -> send(config, AccessRules.TOPIC, "seq-x", "A"))
				.hasRootCauseInstanceOf(TopicAuthorizationException.class));
		try (Admin stranger = Admin.create(config)) {
			assertThatThrownBy(() -> stranger.createTopics(List.of(new NewTopic("stranger-topic", 1, (short) 3)))
				.all()
				.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
		}
	}

	@Test
	void clientWithAWrongPasswordShouldFailAuthentication() {
		Map<String, Object> config = kafka.clientConfig("producer");
		config.putAll(Secrets.of(kafka.options().secretsDirectory()).clientConfig("producer", "not-the-password"));
		assertThatThrownBy(() -> send(config, AccessRules.TOPIC, "seq-x", "A"))
			.hasRootCauseInstanceOf(SaslAuthenticationException.class);
	}

	@Test
	void clientWithoutCredentialsShouldBeRefused() {
		Map<String, Object> plain = new HashMap<>();
		plain.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
		plain.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
		assertThatThrownBy(() -> send(plain, AccessRules.TOPIC, "seq-x", "A"))
			.hasRootCauseInstanceOf(TimeoutException.class);
		Map<String, Object> tlsOnly = kafka.clientConfig("producer");
		tlsOnly.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
		tlsOnly.remove("sasl.mechanism");
		tlsOnly.remove("sasl.jaas.config");
		tlsOnly.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
		assertThatThrownBy(() -> send(tlsOnly, AccessRules.TOPIC, "seq-x", "A"))
			.hasRootCauseInstanceOf(TimeoutException.class);
	}

	private static void send(String principal, String topic, String key, String value) throws Exception {
		send(kafka.clientConfig(principal), topic, key, value);
	}

	private static void send(Map<String, Object> clientConfig, String topic, String key, String value)
			throws Exception {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get(40, TimeUnit.SECONDS);
		}
	}

}
