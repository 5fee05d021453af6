package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.alphabets.testsupport.FreePorts;
import dev.alphabets.testsupport.Jvm;
import dev.alphabets.testsupport.ManagedProcess;

/**
 * Three {@code local-kafka} nodes (combined broker and controller, RF 3, min ISR 2,
 * unclean leader election off) for the fail-over measurement, each its own process so
 * that one node can be killed with {@code kill -9} and started again.
 */
final class Cluster implements AutoCloseable {

	static final int NODES = 3;

	private final Settings settings;

	private final int basePort;

	private final List<ManagedProcess> nodes = new ArrayList<>();

	private final ClusterTopics topics;

	private int starts;

	private Cluster(Settings settings, int basePort) {
		this.settings = settings;
		this.basePort = basePort;
		this.topics = new ClusterTopics(bootstrapServers());
	}

	static Cluster start(Settings settings) {
		Cluster cluster = new Cluster(settings, FreePorts.forLocalKafka(NODES));
		try {
			for (int node = 1; node <= NODES; node++) {
				cluster.nodes.add(cluster.startNode(node));
			}
			cluster.awaitHealthy();
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * One node per process with {@code --node-id}, as the reliability suite starts them:
	 * the launcher alone ({@code --nodes 3}) owns its nodes and cannot start a killed one
	 * again.
	 */
	private ManagedProcess startNode(int node) {
		Path log = this.settings.logs().resolve("kafka-node-" + node + "-start-" + (++this.starts) + ".log");
		return Jvm.start(log, this.settings.brokerHeap(), List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-jar",
				this.settings.builtJar("local-kafka").toString(), "--nodes", String.valueOf(NODES), "--port",
				String.valueOf(this.basePort), "--data-dir", this.settings.work().resolve("kafka-cluster").toString(),
				"--heap", this.settings.brokerHeap(), "--node-id", String.valueOf(node), "--stop-on-stdin-eof"));
	}

	String bootstrapServers() {
		List<String> servers = new ArrayList<>();
		for (int node = 0; node < NODES; node++) {
			servers.add("127.0.0.1:" + (this.basePort + node));
		}
		return String.join(",", servers);
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
		this.nodes.get(node - 1).kill();
	}

	/**
	 * Starts killed nodes again and waits until every replica of every topic is in sync.
	 */
	void heal() {
		for (int node = 1; node <= NODES; node++) {
			if (!this.nodes.get(node - 1).isAlive()) {
				this.nodes.set(node - 1, startNode(node));
			}
		}
		awaitHealthy();
	}

	private void awaitHealthy() {
		Poll.until("three brokers with every replica in sync, see " + this.settings.logs(), Duration.ofMinutes(3),
				Duration.ofMillis(250), () -> {
					if (this.nodes.stream().anyMatch((node) -> !node.isAlive())) {
						throw new Poll.Abort("A node exited, see " + this.settings.logs());
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
		this.nodes.stream().filter(ManagedProcess::isAlive).forEach(ManagedProcess::kill);
	}

}
