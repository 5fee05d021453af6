package dev.alphabets.localkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import kafka.Kafka;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka node in this process: formats its directory once, then runs Kafka's own
 * {@code kafka.Kafka} entry point.
 */
final class KafkaNode {

	private static final Logger logger = LoggerFactory.getLogger(KafkaNode.class);

	private static final String CLUSTER_ID = "cluster.id";

	private static final String NODES = "nodes";

	private final Options options;

	private final int node;

	KafkaNode(Options options, int node) {
		this.options = options;
		this.node = node;
	}

	void run() throws IOException {
		Path directory = this.options.nodeDirectory(this.node);
		Files.createDirectories(directory);
		Path config = directory.resolve("server.properties");
		store(NodeConfig.of(this.options, this.node), config);
		formatOnce(config, directory);
		if (this.options.stopOnStdinEof()) {
			stopOnStdinEof();
		}
		logger.info("Starting node {} (broker 127.0.0.1:{}, controller 127.0.0.1:{}, pid {})", this.node,
				this.options.brokerPort(this.node), this.options.controllerPort(this.node),
				ProcessHandle.current().pid());
		// Kafka's own entry point: it registers the shutdown hook that stops the broker
		// cleanly on SIGTERM.
		Kafka.main(new String[] { config.toString() });
	}

	private void formatOnce(Path config, Path directory) throws IOException {
		String clusterId = clusterId();
		if (Files.exists(directory.resolve("logs").resolve("meta.properties"))) {
			return;
		}
		List<String> args = new ArrayList<>(
				List.of("format", "--config", config.toString(), "--cluster-id", clusterId, "--ignore-formatted"));
		if (this.options.nodes() == 1) {
			args.add("--standalone");
		}
		if (this.options.secure()) {
			Secrets secrets = this.options.secrets();
			for (String principal : Secrets.PRINCIPALS) {
				args.add("--add-scram");
				args.add(Secrets.MECHANISM + "=[name=" + principal + ",password=" + secrets.password(principal) + "]");
			}
		}
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		int exitCode = StorageTool.execute(args.toArray(String[]::new),
				new PrintStream(output, true, StandardCharsets.UTF_8));
		String text = output.toString(StandardCharsets.UTF_8).strip();
		if (exitCode != 0) {
			throw new IllegalStateException("Formatting " + directory + " failed: " + text);
		}
		logger.info("Formatted node {} of cluster {}{}: {}", this.node, clusterId,
				this.options.secure() ? " with SCRAM users " + Secrets.PRINCIPALS : "", text);
	}

	/**
	 * The cluster id that all nodes of this data directory share. The nodes of a cluster
	 * may start at the same time, each in its own process, so the first one writes it
	 * under a file lock.
	 */
	private String clusterId() throws IOException {
		Files.createDirectories(this.options.dataDirectory());
		try (FileChannel channel = FileChannel.open(this.options.dataDirectory().resolve(".cluster.lock"),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			return readOrCreateClusterId();
		}
	}

	private String readOrCreateClusterId() throws IOException {
		Path file = this.options.dataDirectory().resolve("cluster.properties");
		Properties cluster = new Properties();
		if (Files.exists(file)) {
			try (Reader reader = Files.newBufferedReader(file)) {
				cluster.load(reader);
			}
			String nodes = cluster.getProperty(NODES);
			if (!String.valueOf(this.options.nodes()).equals(nodes)) {
				throw new IllegalStateException(this.options.dataDirectory() + " holds a cluster of " + nodes
						+ " node(s), not " + this.options.nodes() + ": use another --data-dir or delete it");
			}
			return cluster.getProperty(CLUSTER_ID);
		}
		// What kafka-storage.sh random-uuid prints.
		cluster.setProperty(CLUSTER_ID, Uuid.randomUuid().toString());
		cluster.setProperty(NODES, String.valueOf(this.options.nodes()));
		store(cluster, file);
		return cluster.getProperty(CLUSTER_ID);
	}

	private static void store(Properties properties, Path file) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file)) {
			properties.store(writer, "Written by local-kafka");
		}
	}

	/**
	 * A launcher holds the write end of each node's standard input; when it dies, even by
	 * {@code kill -9}, the pipe closes and the node exits through its shutdown hook
	 * instead of running on as an orphan.
	 */
	private void stopOnStdinEof() {
		Thread watcher = new Thread(() -> {
			try (InputStream in = System.in; OutputStream sink = OutputStream.nullOutputStream()) {
				in.transferTo(sink);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				logger.info("Standard input closed (launcher stopped or gone): stopping node {}", this.node);
				System.exit(0);
			}
		}, "local-kafka-parent-watcher");
		watcher.setDaemon(true);
		watcher.start();
	}

}
