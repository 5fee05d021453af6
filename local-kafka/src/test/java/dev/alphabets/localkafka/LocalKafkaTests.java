package dev.alphabets.localkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts {@link LocalKafka} as real processes and talks to it with plain Kafka clients.
 */
class LocalKafkaTests {

	private static final String TOPIC = "letters";

	private static final Path DATA = Path.of("target", "local-kafka-tests");

	@Test
	void singleNodeShouldServeRecordsAndStopWithoutLeavingAProcess() throws Exception {
		try (LocalKafkaProcess kafka = new LocalKafkaProcess(1, dataDirectory())) {
			kafka.start(Duration.ofSeconds(120));
			createTopic(kafka, Optional.of(1));
			send(kafka, "seq-1", "A");
			assertThat(readAll(kafka)).containsExactly("seq-1=A");
			assertThat(kafka.stop()).isIn(0, 143);
			assertThat(kafka.nodes()).noneMatch(ProcessHandle::isAlive);
		}
	}

	@Test
	void nodeShouldStopWhenItsLauncherIsKilledAndKeepItsDataForTheNextStart() throws Exception {
		Path data = dataDirectory();
		String clusterId;
		try (LocalKafkaProcess kafka = new LocalKafkaProcess(1, data)) {
			kafka.start(Duration.ofSeconds(120));
			clusterId = clusterId(kafka);
			createTopic(kafka, Optional.of(1));
			send(kafka, "seq-1", "A");
			kafka.launcher().kill();
			kafka.awaitNodesGone(Duration.ofSeconds(60));
		}
		try (LocalKafkaProcess kafka = new LocalKafkaProcess(1, data)) {
			kafka.start(Duration.ofSeconds(120));
			assertThat(clusterId(kafka)).isEqualTo(clusterId);
			send(kafka, "seq-1", "B");
			assertThat(readAll(kafka)).containsExactly("seq-1=A", "seq-1=B");
			kafka.stop();
		}
	}

	@Test
	void threeNodesShouldReplicateThreeTimesAndKeepTakingWritesWithOneNodeKilled() throws Exception {
		try (LocalKafkaProcess kafka = new LocalKafkaProcess(3, dataDirectory())) {
			kafka.start(Duration.ofSeconds(240));
			createTopic(kafka, Optional.empty());
			try (Admin admin = kafka.admin()) {
				TopicDescription topic = admin.describeTopics(Set.of(TOPIC))
					.allTopicNames()
					.get(10, TimeUnit.SECONDS)
					.get(TOPIC);
				assertThat(topic.partitions()).hasSize(3)
					.allSatisfy((partition) -> assertThat(partition.replicas()).hasSize(3));
				ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
				Config config = admin.describeConfigs(Set.of(broker)).all().get(10, TimeUnit.SECONDS).get(broker);
				assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
				assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
			}
			ProcessHandle node3 = kafka.nodes().get(2);
			assertThat(node3.isAlive()).isTrue();
			node3.destroyForcibly();
			await().atMost(Duration.ofSeconds(10)).until(() -> !node3.isAlive());
			for (String letter : List.of("A", "B", "C")) {
				send(kafka, "seq-" + letter, letter);
			}
			assertThat(readAll(kafka)).containsExactlyInAnyOrder("seq-A=A", "seq-B=B", "seq-C=C");
			kafka.stop();
			assertThat(kafka.nodes()).noneMatch(ProcessHandle::isAlive);
		}
	}

	private static Path dataDirectory() {
		return DATA.resolve(UUID.randomUUID().toString()).toAbsolutePath();
	}

	private static String clusterId(LocalKafkaProcess kafka) throws Exception {
		try (Admin admin = kafka.admin()) {
			return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
		}
	}

	private static void createTopic(LocalKafkaProcess kafka, Optional<Integer> partitions) throws Exception {
		try (Admin admin = kafka.admin()) {
			// No replication factor: the broker's default.replication.factor applies.
			admin.createTopics(List.of(new NewTopic(TOPIC, partitions, Optional.empty())))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	private static void send(LocalKafkaProcess kafka, String key, String value) throws Exception {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			RecordMetadata metadata = producer.send(new ProducerRecord<>(TOPIC, key, value)).get(60, TimeUnit.SECONDS);
			assertThat(metadata.offset()).isNotNegative();
		}
	}

	private static List<String> readAll(LocalKafkaProcess kafka) throws Exception {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (Admin admin = kafka.admin();
				KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
						new StringDeserializer())) {
			int partitions = admin.describeTopics(Set.of(TOPIC))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(TOPIC)
				.partitions()
				.size();
			List<TopicPartition> assignment = new ArrayList<>();
			for (int partition = 0; partition < partitions; partition++) {
				assignment.add(new TopicPartition(TOPIC, partition));
			}
			consumer.assign(assignment);
			consumer.seekToBeginning(assignment);
			Map<TopicPartition, Long> end = consumer.endOffsets(assignment, Duration.ofSeconds(10));
			List<String> records = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					records.add(record.key() + "=" + record.value());
				}
				return assignment.stream().allMatch((partition) -> consumer.position(partition) >= end.get(partition));
			});
			return records;
		}
	}

}
