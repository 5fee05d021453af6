package dev.alphabets.localkafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link LocalKafka} launcher started as a real process, with its output in a file
 * under {@code target/}.
 */
final class LocalKafkaProcess implements AutoCloseable {

	private final Options options;

	private final Path log;

	private Process launcher;

	private List<ProcessHandle> nodes = List.of();

	LocalKafkaProcess(int nodes, Path dataDirectory) {
		this(nodes, dataDirectory, false);
	}

	LocalKafkaProcess(int nodes, Path dataDirectory, boolean secure) {
		this.options = new Options(nodes, freeBasePort(nodes), dataDirectory, "256m", 0, false, secure, null);
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

	Process launcher() {
		return this.launcher;
	}

	LocalKafkaProcess start(Duration timeout) throws IOException {
		Files.createDirectories(this.log.getParent());
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
						System.getProperty("java.class.path"), LocalKafka.class.getName(), "--nodes",
						String.valueOf(this.options.nodes()), "--port", String.valueOf(this.options.port()),
						"--data-dir", this.options.dataDirectory().toString(), "--heap", this.options.heap()));
		if (this.options.secure()) {
			command.addAll(List.of("--secure", "--secrets-dir", this.options.secretsDirectory().toString()));
		}
		this.launcher = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
			.start();
		await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
			assertThat(this.launcher.isAlive()).as("launcher alive, see %s", this.log).isTrue();
			return Files.readString(this.log).contains("Kafka is ready on " + bootstrapServers());
		});
		this.nodes = this.launcher.children().toList();
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
		this.launcher.destroy();
		assertThat(this.launcher.waitFor(90, TimeUnit.SECONDS)).as("launcher stopped").isTrue();
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
			this.launcher.destroyForcibly();
		}
		this.nodes.forEach(ProcessHandle::destroyForcibly);
	}

	/**
	 * A base port whose broker ports and controller ports (100 above) are all free on
	 * 127.0.0.1.
	 */
	private static int freeBasePort(int nodes) {
		for (int attempt = 0; attempt < 50; attempt++) {
			int base;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				base = socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			if (base + 100 + nodes <= 65535 && allFree(base, nodes) && allFree(base + 100, nodes)) {
				return base;
			}
		}
		throw new IllegalStateException("No free ports");
	}

	private static boolean allFree(int first, int count) {
		for (int port = first; port < first + count; port++) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				socket.setReuseAddress(true);
			}
			catch (IOException ex) {
				return false;
			}
		}
		return true;
	}

}
