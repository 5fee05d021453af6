package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.alphabets.testsupport.FreePorts;
import dev.alphabets.testsupport.Jvm;
import dev.alphabets.testsupport.ManagedProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * One {@code local-kafka} node started from its jar, with data under {@code target/},
 * shared by the single-broker measurements of a run.
 */
final class Broker implements AutoCloseable {

	static final int PARTITIONS = 3;

	private final ManagedProcess process;

	private final String bootstrapServers;

	private final Admin admin;

	private Broker(ManagedProcess process, String bootstrapServers) {
		this.process = process;
		this.bootstrapServers = bootstrapServers;
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

	static Broker start(Settings settings) {
		int port = FreePorts.forLocalKafka(1);
		Path data = settings.work().resolve("kafka");
		String bootstrapServers = "127.0.0.1:" + port;
		ManagedProcess process = Jvm.start(settings.logs().resolve("kafka.log"), "64m",
				List.of("-jar", settings.builtJar("local-kafka").toString(), "--nodes", "1", "--port",
						String.valueOf(port), "--data-dir", data.toString(), "--heap", settings.brokerHeap()));
		Poll.until("broker ready, see " + process.log(), Duration.ofMinutes(2), Duration.ofMillis(200), () -> {
			if (!process.isAlive()) {
				throw new Poll.Abort("local-kafka exited, see " + process.log());
			}
			return process.output().contains("Kafka is ready on " + bootstrapServers);
		});
		return new Broker(process, bootstrapServers);
	}

	String bootstrapServers() {
		return this.bootstrapServers;
	}

	/**
	 * Creates a fresh topic, so that no measurement reads another one's records.
	 * @param name the topic
	 */
	void createTopic(String name) {
		try {
			this.admin.createTopics(List.of(new NewTopic(name, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
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
		Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
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
