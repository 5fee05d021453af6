package dev.alphabets.benchmarks;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The three-node cluster's topics and leaders, through one long-lived admin client with
 * short timeouts (a node may be dead while it asks).
 */
final class ClusterTopics implements AutoCloseable {

	private final Admin admin;

	ClusterTopics(String bootstrapServers) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				8000));
	}

	/**
	 * Creates a topic whose partition p is led by node p + 1 while all nodes are up, so
	 * that topics created alike lose the leader of the same partition to one kill.
	 * @param name the topic
	 */
	void create(String name) {
		Map<Integer, List<Integer>> replicas = new HashMap<>();
		for (int partition = 0; partition < Broker.PARTITIONS; partition++) {
			replicas.put(partition, List.of(partition % Cluster.NODES + 1, (partition + 1) % Cluster.NODES + 1,
					(partition + 2) % Cluster.NODES + 1));
		}
		// LogAppendTime: each record carries the time its leader appended it, which the
		// fail-over's records CSV shows next to the time it became readable.
		NewTopic topic = new NewTopic(name, replicas).configs(
				Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2", TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG,
						"false", TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime"));
		try {
			this.admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException | ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not create topic " + name, ex);
		}
	}

	int leaderOf(String topic, int partition) throws Exception {
		return partitions(Set.of(topic)).stream()
			.filter((info) -> info.partition() == partition)
			.findFirst()
			.orElseThrow()
			.leader()
			.id();
	}

	/**
	 * Whether the controller has fenced a node: no partition of the topic has it as
	 * leader or in its ISR any more, so {@code acks=all} writes no longer wait for it.
	 */
	boolean fencedOut(String topic, int node) throws Exception {
		return partitions(Set.of(topic)).stream()
			.allMatch((partition) -> hasLeader(partition) && partition.leader().id() != node
					&& partition.isr().stream().noneMatch((replica) -> replica.id() == node));
	}

	long endOffsets(String topic) {
		return Broker.endOffsets(this.admin, topic);
	}

	/**
	 * The node that leads the KRaft metadata quorum: every node is also a controller.
	 */
	int activeController() throws Exception {
		return this.admin.describeMetadataQuorum().quorumInfo().get(5, TimeUnit.SECONDS).leaderId();
	}

	/**
	 * Whether all brokers are registered and every replica of every topic is in sync.
	 */
	boolean allInSync(int brokers) throws Exception {
		if (this.admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() != brokers) {
			return false;
		}
		Set<String> topics = this.admin.listTopics(new ListTopicsOptions().listInternal(true))
			.names()
			.get(5, TimeUnit.SECONDS);
		return partitions(topics).stream()
			.allMatch((partition) -> hasLeader(partition) && partition.isr().size() == partition.replicas().size());
	}

	private static boolean hasLeader(TopicPartitionInfo partition) {
		return partition.leader() != null && !partition.leader().isEmpty();
	}

	private List<TopicPartitionInfo> partitions(Set<String> topics) throws Exception {
		return this.admin.describeTopics(topics)
			.allTopicNames()
			.get(5, TimeUnit.SECONDS)
			.values()
			.stream()
			.flatMap((topic) -> topic.partitions().stream())
			.toList();
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
