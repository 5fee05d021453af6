package dev.alphabets.localkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A secured {@link LocalKafka} ({@code --secure}) started as a process, for tests in
 * other modules: where it listens, and the client settings of each principal, as Kafka
 * and as Spring Boot properties.
 */
public final class SecuredLocalKafka implements AutoCloseable {

	private final Options options;

	private final Path log;

	private Process launcher;

	private SecuredLocalKafka(Options options, Path log) {
		this.options = options;
		this.log = log;
	}

	/**
	 * Starts one secured node on free ports and waits until its topics and ACLs exist.
	 * @param dataDirectory the node's data; its secrets go beside it
	 * @param timeout how long it may take
	 * @return the running cluster
	 */
	public static SecuredLocalKafka start(Path dataDirectory, Duration timeout) {
		Options options = new Options(1, freeBasePort(), dataDirectory, "384m", 0, false, true, null);
		SecuredLocalKafka kafka = new SecuredLocalKafka(options,
				options.dataDirectory().resolveSibling(options.dataDirectory().getFileName() + ".log"));
		kafka.launch(timeout);
		return kafka;
	}

	public String bootstrapServers() {
		return this.options.bootstrapServers();
	}

	public Secrets secrets() {
		return Secrets.of(this.options.secretsDirectory());
	}

	/**
	 * The Spring Boot properties that make a service connect as a principal.
	 * @param principal the SCRAM user
	 * @param password its password (a wrong one, to test a refusal)
	 * @return the properties, by name
	 */
	public Map<String, Object> springProperties(String principal, String password) {
		Secrets secrets = secrets();
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", bootstrapServers());
		properties.put("spring.kafka.security.protocol", "SASL_SSL");
		properties.put("spring.kafka.properties.sasl.mechanism", Secrets.MECHANISM);
		properties.put("spring.kafka.properties.sasl.jaas.config", Secrets.scramJaas(principal, password));
		properties.put("spring.kafka.ssl.trust-store-type", "PKCS12");
		properties.put("spring.kafka.ssl.trust-store-location", secrets.trustStore().toUri().toString());
		properties.put("spring.kafka.ssl.trust-store-password", secrets.storePassword());
		// The admin declares the topics; a service may not.
		properties.put("spring.kafka.admin.auto-create", "false");
		return properties;
	}

	public Map<String, Object> springProperties(String principal) {
		return springProperties(principal, secrets().password(principal));
	}

	/**
	 * The Kafka client settings of a principal.
	 * @param principal the SCRAM user
	 * @return bootstrap servers and security settings
	 */
	public Map<String, Object> clientConfig(String principal) {
		Map<String, Object> config = new LinkedHashMap<>(secrets().clientConfig(principal));
		config.put("bootstrap.servers", bootstrapServers());
		return config;
	}

	private void launch(Duration timeout) {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-cp",
						System.getProperty("java.class.path"), LocalKafka.class.getName()));
		command.addAll(List.of("--port", String.valueOf(this.options.port()), "--data-dir",
				this.options.dataDirectory().toString(), "--heap", this.options.heap(), "--secure"));
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			Files.createDirectories(this.log.getParent());
			this.launcher = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(this.log.toFile()))
				.start();
			while (!Files.readString(this.log).contains("Kafka is ready on " + bootstrapServers())) {
				if (!this.launcher.isAlive() || System.nanoTime() > deadline) {
					close();
					throw new IllegalStateException("Secured local-kafka did not start; see " + this.log);
				}
				this.launcher.waitFor(200, TimeUnit.MILLISECONDS);
			}
		}
		catch (IOException ex) {
			close();
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new IllegalStateException(ex);
		}
	}

	/** Stops the launcher, which stops its node; then makes sure both are gone. */
	@Override
	public void close() {
		if (this.launcher == null) {
			return;
		}
		List<ProcessHandle> nodes = this.launcher.descendants().toList();
		this.launcher.destroy();
		try {
			if (!this.launcher.waitFor(60, TimeUnit.SECONDS)) {
				this.launcher.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.launcher.destroyForcibly();
		}
		nodes.forEach(ProcessHandle::destroyForcibly);
	}

	private static int freeBasePort() {
		for (int attempt = 0; attempt < 50; attempt++) {
			int base;
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				base = socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			if (base + 101 <= 65535 && free(base + 100)) {
				return base;
			}
		}
		throw new IllegalStateException("No free ports");
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
