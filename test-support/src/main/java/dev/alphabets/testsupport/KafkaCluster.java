package dev.alphabets.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * Three {@code local-kafka} nodes (combined broker and controller, RF 3, min ISR 2,
 * unclean leader election off), each its own OS process so that a single node can be
 * killed, frozen or restarted; over PLAINTEXT, or secured ({@code --secure}: SASL_SSL,
 * SCRAM users, ACLs, where this class's admin is the super user).
 */
public final class KafkaCluster implements AutoCloseable {

	public static final int NODES = 3;

	private static final Logger logger = LoggerFactory.getLogger(KafkaCluster.class);

	private final int basePort;

	private final List<ManagedProcess> nodes = new ArrayList<>();

	private final Path secretsDirectory;

	private ClientSecrets secrets;

	private Admin admin;

	/**
	 * Three nodes with a 384 MB heap each, not started yet.
	 * @param jar the {@code local-kafka} jar
	 * @param directory where the nodes keep their data and logs
	 */
	public KafkaCluster(Path jar, Path directory) {
		this(jar, directory, "384m");
	}

	/**
	 * Three nodes, not started yet.
	 * @param jar the {@code local-kafka} jar
	 * @param directory where the nodes keep their data and logs
	 * @param heap each node's heap, such as {@code 384m}
	 */
	public KafkaCluster(Path jar, Path directory, String heap) {
		this(jar, directory, heap, null);
	}

	/**
	 * Three nodes, not started yet.
	 * @param jar the {@code local-kafka} jar
	 * @param directory where the nodes keep their data and logs
	 * @param heap each node's heap, such as {@code 384m}
	 * @param secretsDirectory null for PLAINTEXT; else the nodes run {@code --secure}
	 * with the certificates and passwords there, made when the first node starts if
	 * missing (several clusters of a run may share them)
	 */
	public KafkaCluster(Path jar, Path directory, String heap, Path secretsDirectory) {
		this.basePort = FreePorts.forLocalKafka(NODES);
		this.secretsDirectory = secretsDirectory;
		boolean secured = secretsDirectory != null;
		Path data = directory.resolve("data");
		for (int node = 1; node <= NODES; node++) {
			List<String> command = new ArrayList<>(
					List.of(Jvm.java().toString(), "-Xmx" + heap, "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
							"-Djava.awt.headless=true", "-cp", jar.toString(), "dev.alphabets.localkafka.LocalKafka",
							"--nodes", String.valueOf(NODES), "--port", String.valueOf(this.basePort), "--data-dir",
							data.toString(), "--heap", heap, "--node-id", String.valueOf(node), "--stop-on-stdin-eof"));
			if (secured) {
				command.addAll(List.of("--secure", "--secrets-dir", this.secretsDirectory.toString()));
			}
			this.nodes.add(new ManagedProcess("kafka-" + node, command, directory.resolve("kafka-" + node + ".log")));
		}
	}

	public void start() {
		this.nodes.forEach(ManagedProcess::start);
		if (isSecured()) {
			// The first node to start makes any that are missing: six keytool runs, which
			// took minutes on a loaded machine.
			this.secrets = ClientSecrets.awaitMade(this.secretsDirectory, Duration.ofMinutes(5));
		}
		Map<String, Object> config = new HashMap<>(clientConfig());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
		this.admin = Admin.create(config);
		// TLS handshakes between the nodes make a secured quorum slower to form.
		awaitHealthy(Duration.ofMinutes(isSecured() ? 4 : 2));
	}

	public boolean isSecured() {
		return this.secretsDirectory != null;
	}

	/**
	 * The secrets of a secured cluster, once it has started.
	 * @return the secrets
	 * @throws IllegalStateException if the cluster is not secured or not started
	 */
	public ClientSecrets secrets() {
		if (this.secrets == null) {
			throw new IllegalStateException("Not a started secured cluster");
		}
		return this.secrets;
	}

	/**
	 * The settings of a plain client of the cluster: its bootstrap servers and, when
	 * secured, the admin's SASL_SSL settings.
	 * @return Kafka client settings, for a consumer, producer or admin
	 */
	public Map<String, Object> clientConfig() {
		Map<String, Object> config = new HashMap<>();
		if (isSecured()) {
			config.putAll(secrets().clientConfig(ClientSecrets.ADMIN));
		}
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		return config;
	}

	/**
	 * What a service needs to connect as a principal: nothing on PLAINTEXT, its SASL_SSL
	 * settings when secured.
	 * @param principal {@link ClientSecrets#PRODUCER} or {@link ClientSecrets#CONSUMER}
	 * @return Spring Boot arguments, as {@code --name=value}
	 */
	public List<String> serviceArguments(String principal) {
		return isSecured() ? secrets().serviceArguments(principal) : List.of();
	}

	public String bootstrapServers() {
		List<String> servers = new ArrayList<>();
		for (int node = 1; node <= NODES; node++) {
			servers.add("127.0.0.1:" + (this.basePort + node - 1));
		}
		return String.join(",", servers);
	}

	public Admin admin() {
		return this.admin;
	}

	public ManagedProcess node(int id) {
		return this.nodes.get(id - 1);
	}

	public List<ManagedProcess> nodes() {
		return this.nodes;
	}

	/** The broker that leads the partition now. */
	public int leaderOf(String topic, int partition) throws Exception {
		TopicDescription description = this.admin.describeTopics(Set.of(topic))
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.get(topic);
		return description.partitions().get(partition).leader().id();
	}

	/** The node that leads the KRaft metadata quorum, that is the active controller. */
	public int activeController() throws Exception {
		return this.admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS).leaderId();
	}

	/**
	 * Ends any fault left over: resumes frozen nodes, starts dead ones, and waits until
	 * every partition has all three replicas in sync again.
	 */
	public void heal(Duration timeout) {
		for (ManagedProcess node : this.nodes) {
			if (node.isPaused()) {
				node.resume();
			}
			if (!node.isAlive()) {
				node.start();
			}
		}
		awaitHealthy(timeout);
	}

	/** Waits until three brokers are registered and every replica is in sync. */
	public void awaitHealthy(Duration timeout) {
		long start = System.nanoTime();
		await("three brokers with every replica in sync").atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(this::isHealthy);
		logger.info("Cluster healthy after {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
	}

	public boolean isHealthy() throws Exception {
		Collection<Node> brokers = this.admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
		if (brokers.size() != NODES) {
			return false;
		}
		Set<String> topics = this.admin.listTopics(new ListTopicsOptions().listInternal(true))
			.names()
			.get(5, TimeUnit.SECONDS);
		if (topics.isEmpty()) {
			return true;
		}
		return this.admin.describeTopics(topics)
			.allTopicNames()
			.get(5, TimeUnit.SECONDS)
			.values()
			.stream()
			.flatMap((topic) -> topic.partitions().stream())
			.allMatch(KafkaCluster::fullyReplicated);
	}

	private static boolean fullyReplicated(TopicPartitionInfo partition) {
		return partition.leader() != null && partition.isr().size() == partition.replicas().size();
	}

	@Override
	public void close() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(2));
		}
		this.nodes.forEach(ManagedProcess::destroy);
	}

}
