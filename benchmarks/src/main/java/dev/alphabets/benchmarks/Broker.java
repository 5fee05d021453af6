package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.alphabets.testsupport.ClientSecrets;
import dev.alphabets.testsupport.FreePorts;
import dev.alphabets.testsupport.Jvm;
import dev.alphabets.testsupport.ManagedProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One {@code local-kafka} node started from its jar, with data under {@code target/},
 * shared by the single-broker measurements of a run; over PLAINTEXT, or secured
 * ({@code --secure}), where this class's admin is the super user that declares the topics
 * and ACLs.
 */
final class Broker implements AutoCloseable {

	static final int PARTITIONS = 3;

	private final ManagedProcess process;

	private final String bootstrapServers;

	private final ClientSecrets secrets;

	private final Admin admin;

	private Broker(ManagedProcess process, String bootstrapServers, ClientSecrets secrets) {
		this.process = process;
		this.bootstrapServers = bootstrapServers;
		this.secrets = secrets;
		this.admin = Admin.create(clientConfig());
	}

	static Broker start(Settings settings) {
		int port = FreePorts.forLocalKafka(1);
		Path data = settings.work().resolve("kafka");
		Path secrets = settings.work().resolve("secrets");
		String bootstrapServers = "127.0.0.1:" + port;
		List<String> arguments = new ArrayList<>(List.of("-jar", settings.builtJar("local-kafka").toString(), "--nodes",
				"1", "--port", String.valueOf(port), "--data-dir", data.toString(), "--heap", settings.brokerHeap()));
		if (settings.secured()) {
			arguments.addAll(List.of("--secure", "--secrets-dir", secrets.toString()));
		}
		ManagedProcess process = Jvm.start(settings.logs().resolve("kafka.log"), "64m", arguments);
		Poll.until("broker ready, see " + process.log(), Duration.ofMinutes(2), Duration.ofMillis(200), () -> {
			if (!process.isAlive()) {
				throw new Poll.Abort("local-kafka exited, see " + process.log());
			}
			return process.output().contains("Kafka is ready on " + bootstrapServers);
		});
		if (!settings.secured()) {
			return new Broker(process, bootstrapServers, null);
		}
		Broker broker = new Broker(process, bootstrapServers, ClientSecrets.awaitMade(secrets, Duration.ofSeconds(30)));
		MeasurementAccess.allow(broker.admin);
		return broker;
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	boolean isSecured() {
		return this.secrets != null;
	}

	/**
	 * The secrets of a secured broker.
	 * @throws IllegalStateException on PLAINTEXT
	 */
	ClientSecrets secrets() {
		if (this.secrets == null) {
			throw new IllegalStateException("The broker runs PLAINTEXT");
		}
		return this.secrets;
	}

	/**
	 * The settings of the run's own clients (pre-fill, readers): the bootstrap server
	 * and, when secured, the admin's SASL_SSL settings.
	 */
	Map<String, Object> clientConfig() {
		Map<String, Object> config = new HashMap<>();
		if (this.secrets != null) {
			config.putAll(this.secrets.clientConfig(ClientSecrets.ADMIN));
		}
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		return config;
	}

	/**
	 * What a service needs to connect as a principal: nothing on PLAINTEXT, its SASL_SSL
	 * settings when secured.
	 */
	List<String> serviceArguments(String principal) {
		return (this.secrets != null) ? this.secrets.serviceArguments(principal) : List.of();
	}

	/**
	 * Creates a fresh topic, so that no measurement reads another one's records.
	 * @param name the topic
	 */
	void createTopic(String name) {
		List<NewTopic> topics = new ArrayList<>(List.of(new NewTopic(name, PARTITIONS, (short) 1)));
		if (this.secrets != null) {
			// The services declare their dead-letter topic on PLAINTEXT; secured, they
			// may
			// not.
			topics.add(new NewTopic(name + "-dlt", PARTITIONS, (short) 1));
		}
		try {
			this.admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not create topic " + name, ex);
		}
		// createTopics completes when the controller has committed the topic, not when
		// the broker leads its partitions. An idempotent producer with 5 requests in
		// flight whose first batch gets NOT_LEADER_OR_FOLLOWER can then have later
		// batches appended first and retry the first one with
		// OUT_OF_ORDER_SEQUENCE_NUMBER until delivery.timeout.ms (seen with Kafka 4.1.2).
		Poll.until("leaders for " + name, Duration.ofSeconds(30), Duration.ofMillis(50),
				() -> this.admin.describeTopics(List.of(name))
					.allTopicNames()
					.get(5, TimeUnit.SECONDS)
					.get(name)
					.partitions()
					.stream()
					.allMatch((partition) -> partition.leader() != null && !partition.leader().isEmpty()));
	}

	/**
	 * Creates an exactly-once producer-service's position topic as the service declares
	 * it (one compacted partition), for a secured broker, where it may not.
	 * @param name the topic
	 */
	void createPositionTopic(String name) {
		NewTopic topic = new NewTopic(name, 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
				TopicConfig.CLEANUP_POLICY_COMPACT, TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(1024 * 1024)));
		try {
			this.admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not create topic " + name, ex);
		}
	}

	/**
	 * The number of records in a topic, the sum of its partitions' end offsets.
	 * @param topic the topic
	 * @return the record count
	 */
	long endOffsets(String topic) {
		return endOffsets(this.admin, topic);
	}

	/**
	 * The offsets a consumer group has committed to Kafka for a topic, summed over its
	 * partitions: how many records it has finished with.
	 * @param group the group
	 * @param topic the topic
	 * @return the sum, 0 while nothing is committed
	 */
	long committedOffsets(String group, String topic) throws Exception {
		return this.admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS)
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
			.mapToLong((entry) -> entry.getValue().offset())
			.sum();
	}

	static long endOffsets(Admin admin, String topic) {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int partition = 0; partition < PARTITIONS; partition++) {
			latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
		}
		try {
			return admin.listOffsets(latest)
				.all()
				.get(30, TimeUnit.SECONDS)
				.values()
				.stream()
				.mapToLong((info) -> info.offset())
				.sum();
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not read the end offsets of " + topic, ex);
		}
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
		this.process.close();
	}

}
