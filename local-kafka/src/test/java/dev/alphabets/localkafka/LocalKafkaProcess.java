package dev.alphabets.localkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import dev.alphabets.testsupport.FreePorts;
import dev.alphabets.testsupport.Jvm;
import dev.alphabets.testsupport.ManagedProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link LocalKafka} launcher started as a real process, with its output in a file
 * under {@code target/}.
 */
final class LocalKafkaProcess implements AutoCloseable {

	private final Options options;

	private final Path log;

	private ManagedProcess launcher;

	private List<ProcessHandle> nodes = List.of();

	LocalKafkaProcess(int nodes, Path dataDirectory) {
		this(nodes, dataDirectory, false);
	}

	LocalKafkaProcess(int nodes, Path dataDirectory, boolean secure) {
		this.options = new Options(nodes, FreePorts.forLocalKafka(nodes), dataDirectory, "256m", 0, false, secure,
				null);
		this.log = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
	}

	String bootstrapServers() {
		return this.options.bootstrapServers();
	}

	Options options() {
		return this.options;
	}

	List<ProcessHandle> nodes() {
		return this.nodes;
	}

	ManagedProcess launcher() {
		return this.launcher;
	}

	LocalKafkaProcess start(Duration timeout) {
		List<String> command = new ArrayList<>(
				List.of("-cp", System.getProperty("java.class.path"), LocalKafka.class.getName(), "--nodes",
						String.valueOf(this.options.nodes()), "--port", String.valueOf(this.options.port()),
						"--data-dir", this.options.dataDirectory().toString(), "--heap", this.options.heap()));
		if (this.options.secure()) {
			command.addAll(List.of("--secure", "--secrets-dir", this.options.secretsDirectory().toString()));
		}
		this.launcher = Jvm.start(this.log, "64m", command);
		await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(this.launcher.isAlive()).as("launcher alive, see %s", this.log).isTrue();
			return this.launcher.output().contains("Kafka is ready on " + bootstrapServers());
		});
		this.nodes = this.launcher.handle().children().toList();
		assertThat(this.nodes).hasSize(this.options.nodes());
		return this;
	}

	Admin admin() {
		return Admin.create(clientConfig("admin"));
	}

	/**
	 * Connection settings of a client: on a secured cluster, those of a principal.
	 * @param principal the SCRAM user (ignored on a plain cluster)
	 * @return bootstrap servers and security settings
	 */
	Map<String, Object> clientConfig(String principal) {
		Map<String, Object> config = new HashMap<>();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
		if (this.options.secure()) {
			config.putAll(Secrets.of(this.options.secretsDirectory()).clientConfig(principal));
		}
		return config;
	}

	/**
	 * Sends SIGTERM to the launcher and waits until it and every node it started have
	 * exited.
	 * @return the launcher's exit code
	 */
	int stop() throws InterruptedException {
		ProcessHandle launcher = this.launcher.handle();
		launcher.destroy();
		await("launcher stopped").atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> !launcher.isAlive());
		awaitNodesGone(Duration.ofSeconds(60));
		return this.launcher.exitValue();
	}

	void awaitNodesGone(Duration timeout) {
		await().atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.nodes.stream().noneMatch(ProcessHandle::isAlive));
	}

	@Override
	public void close() {
		if (this.launcher != null) {
			this.launcher.destroy();
		}
		this.nodes.forEach(ProcessHandle::destroyForcibly);
	}

}
