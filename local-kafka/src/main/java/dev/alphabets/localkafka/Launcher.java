package dev.alphabets.localkafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts every node as its own OS process, reports when the cluster answers, and stops
 * the nodes when it is stopped.
 */
final class Launcher {

	private static final Logger logger = LoggerFactory.getLogger(Launcher.class);

	private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

	private final Options options;

	private final List<Process> nodes = new ArrayList<>();

	private volatile boolean stopping;

	Launcher(Options options) {
		this.options = options;
	}

	int run() throws IOException, InterruptedException {
		if (this.options.secure()) {
			// Made before the clock starts: six keytool runs take a while on a busy
			// machine.
			logger.info("Secured: SASL_SSL, SCRAM users {}, secrets in {}", Secrets.PRINCIPALS,
					this.options.secrets().directory());
		}
		long start = System.nanoTime();
		Runtime.getRuntime().addShutdownHook(new Thread(this::stopNodes, "local-kafka-stop"));
		for (int node = 1; node <= this.options.nodes(); node++) {
			this.nodes.add(new ProcessBuilder(command(node)).redirectOutput(ProcessBuilder.Redirect.INHERIT)
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start());
		}
		if (!awaitReady(start + READY_TIMEOUT.toNanos())) {
			logger.error("Kafka did not become ready: stopping");
			return 1;
		}
		logger.info("Kafka is ready on {} ({} node(s), data in {}) after {} ms", this.options.bootstrapServers(),
				this.options.nodes(), this.options.dataDirectory(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
		int failed = 0;
		for (int node = 1; node <= this.nodes.size(); node++) {
			int exitCode = this.nodes.get(node - 1).waitFor();
			if (exitCode != 0 && !this.stopping) {
				failed++;
				logger.warn("Node {} exited with {}", node, exitCode);
			}
		}
		return (failed != 0) ? 1 : 0;
	}

	private List<String> command(int node) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + this.options.heap());
		// The JVM flags of Kafka's own kafka-run-class.sh.
		command.add("-XX:+UseG1GC");
		command.add("-XX:MaxGCPauseMillis=20");
		command.add("-XX:InitiatingHeapOccupancyPercent=35");
		command.add("-Djava.awt.headless=true");
		command.add("-Dlocal-kafka.process=node-" + node);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(LocalKafka.class.getName());
		command.addAll(this.options.nodeArguments(node));
		return command;
	}

	private boolean awaitReady(long deadline) throws InterruptedException {
		for (int node = 1; node <= this.options.nodes(); node++) {
			while (!accepts(this.options.brokerPort(node))) {
				if (anyNodeExited() || System.nanoTime() > deadline) {
					return false;
				}
				Thread.sleep(100);
			}
		}
		Map<String, Object> config = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				this.options.bootstrapServers(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000));
		if (this.options.secure()) {
			config.putAll(this.options.secrets().clientConfig("admin"));
		}
		try (Admin admin = Admin.create(config)) {
			while (System.nanoTime() < deadline && !anyNodeExited()) {
				try {
					// Brokers that have joined the quorum and are unfenced: the cluster
					// takes writes. A secured cluster then gets its topics and ACLs.
					if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == this.options.nodes()) {
						if (this.options.secure()) {
							new AccessRules(this.options).apply(admin);
						}
						return true;
					}
				}
				catch (ExecutionException | TimeoutException ex) {
					logger.debug("Cluster not ready yet", ex);
				}
				Thread.sleep(250);
			}
		}
		return false;
	}

	private boolean anyNodeExited() {
		return this.nodes.stream().anyMatch((node) -> !node.isAlive());
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void stopNodes() {
		this.stopping = true;
		this.nodes.forEach(Process::destroy);
		CompletableFuture<?>[] exits = this.nodes.stream().map(Process::onExit).toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(exits).get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn("Nodes did not stop within {}: killing them", STOP_TIMEOUT);
		}
		this.nodes.stream().filter(Process::isAlive).forEach(Process::destroyForcibly);
	}

}
