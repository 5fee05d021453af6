package dev.alphabets.benchmarks;

import java.time.Duration;

import dev.alphabets.testsupport.KafkaCluster;
import dev.alphabets.testsupport.ManagedProcess;

/**
 * Three {@code local-kafka} nodes (combined broker and controller, RF 3, min ISR 2,
 * unclean leader election off) for the fail-over measurement, the reliability suite's
 * {@link KafkaCluster}: each node its own process, so that one can be killed with
 * {@code kill -9} and started again.
 */
final class Cluster implements AutoCloseable {

	static final int NODES = KafkaCluster.NODES;

	private final Settings settings;

	private final KafkaCluster nodes;

	private final ClusterTopics topics;

	private Cluster(Settings settings, KafkaCluster nodes) {
		this.settings = settings;
		this.nodes = nodes;
		this.topics = new ClusterTopics(nodes.bootstrapServers());
	}

	/**
	 * Starts the nodes, their data and logs under {@code kafka-cluster} in the work
	 * directory, and waits until they form a cluster.
	 */
	static Cluster start(Settings settings) {
		Cluster cluster = new Cluster(settings, new KafkaCluster(settings.builtJar("local-kafka"),
				settings.work().resolve("kafka-cluster"), settings.brokerHeap()));
		try {
			cluster.nodes.start();
			cluster.awaitHealthy();
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	String bootstrapServers() {
		return this.nodes.bootstrapServers();
	}

	ClusterTopics topics() {
		return this.topics;
	}

	/**
	 * Creates a topic and waits until its replicas are in sync.
	 * @param name the topic
	 */
	void createTopic(String name) {
		this.topics.create(name);
		awaitHealthy();
	}

	void kill(int node) {
		this.nodes.node(node).kill();
	}

	/**
	 * Starts killed nodes again and waits until every replica of every topic is in sync.
	 */
	void heal() {
		for (ManagedProcess node : this.nodes.nodes()) {
			if (!node.isAlive()) {
				node.start();
			}
		}
		awaitHealthy();
	}

	private void awaitHealthy() {
		String logs = this.settings.work().resolve("kafka-cluster").toString();
		Poll.until("three brokers with every replica in sync, see " + logs, Duration.ofMinutes(3),
				Duration.ofMillis(250), () -> {
					if (this.nodes.nodes().stream().anyMatch((node) -> !node.isAlive())) {
						throw new Poll.Abort("A node exited, see " + logs);
					}
					return this.topics.allInSync(NODES);
				});
	}

	/**
	 * Kills every node: the data is thrown away, and a controlled shutdown of the last
	 * node would wait for a quorum that has gone.
	 */
	@Override
	public void close() {
		this.topics.close();
		this.nodes.close();
	}

}
