package dev.alphabets.localkafka;

import java.nio.file.Path;
import java.time.Duration;
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
		this.options = new Options(nodes, FreePorts.forLocalKafka(nodes), dataDirectory, "256m", 0, false);
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
		this.launcher = Jvm.start(this.log, "64m",
				List.of("-cp", System.getProperty("java.class.path"), LocalKafka.class.getName(), "--nodes",
						String.valueOf(this.options.nodes()), "--port", String.valueOf(this.options.port()),
						"--data-dir", this.options.dataDirectory().toString(), "--heap", this.options.heap()));
		await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(this.launcher.isAlive()).as("launcher alive, see %s", this.log).isTrue();
			return this.launcher.output().contains("Kafka is ready on " + bootstrapServers());
		});
		this.nodes = this.launcher.handle().children().toList();
		assertThat(this.nodes).hasSize(this.options.nodes());
		return this;
	}

	Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
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
