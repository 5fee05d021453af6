package dev.alphabets.localkafka;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Command-line options of {@link LocalKafka}: node count, ports, data directory and heap.
 *
 * @param nodes 1 (a combined broker and controller) or 3 (a quorum of three combined
 * nodes)
 * @param port broker port of node 1; node {@code i} listens on {@code port + i - 1} and
 * its controller on 100 above
 * @param dataDirectory directory that holds one sub-directory per node and the cluster
 * identity
 * @param heap maximum heap of each node process, as in {@code -Xmx}
 * @param nodeId the node to run in this process, or 0 to launch all nodes as child
 * processes
 * @param stopOnStdinEof whether a node stops when its standard input closes, that is when
 * its launcher has died
 * @param secure whether clients and nodes connect over SASL_SSL with SCRAM users and ACLs
 * @param secretsDirectory where a secured cluster keeps its certificates and passwords
 */
record Options(int nodes, int port, Path dataDirectory, String heap, int nodeId, boolean stopOnStdinEof, boolean secure,
		Path secretsDirectory) {

	static final String USAGE = """
			Usage: java -jar local-kafka/target/local-kafka-<version>.jar [options]
			  --nodes 1|3        number of combined broker+controller nodes (default 1)
			  --port N           broker port of node 1 (default 9092); node i uses N+i-1, its controller N+100+i-1
			  --data-dir DIR     data directory, formatted once and reused (default ./data/kafka)
			  --heap SIZE        maximum heap per node process, as in -Xmx (default 512m)
			  --node-id I        run only node I (1..nodes) in this process, for a cluster whose nodes are separate processes
			  --secure           SASL_SSL with SCRAM-SHA-512 users admin, producer and consumer, ACLs, topics declared by admin
			  --secrets-dir DIR  certificates and passwords of --secure, made on first use (default DATA-DIR/../secrets)
			  --help             print this help""";

	private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

	private static final int CONTROLLER_PORT_OFFSET = 100;

	Options {
		if (nodes != 1 && nodes != 3) {
			throw new IllegalArgumentException("--nodes must be 1 or 3, not " + nodes);
		}
		if (port < 1024 || port + CONTROLLER_PORT_OFFSET + nodes - 1 > 65535) {
			throw new IllegalArgumentException("--port must leave room for broker and controller ports, not " + port);
		}
		if (!HEAP.matcher(heap).matches()) {
			throw new IllegalArgumentException("--heap must be a size such as 512m or 1g, not '" + heap + "'");
		}
		if (nodeId < 0 || nodeId > nodes) {
			throw new IllegalArgumentException("--node-id must be between 1 and " + nodes + ", not " + nodeId);
		}
		dataDirectory = dataDirectory.toAbsolutePath().normalize();
		secretsDirectory = (secretsDirectory != null) ? secretsDirectory.toAbsolutePath().normalize()
				: dataDirectory.resolveSibling("secrets");
	}

	Options(int nodes, int port, Path dataDirectory, String heap, int nodeId, boolean stopOnStdinEof) {
		this(nodes, port, dataDirectory, heap, nodeId, stopOnStdinEof, false, null);
	}

	static Options parse(String... args) {
		int nodes = 1;
		int port = 9092;
		Path dataDirectory = Path.of("data", "kafka");
		String heap = "512m";
		int nodeId = 0;
		boolean stopOnStdinEof = false;
		boolean secure = false;
		Path secretsDirectory = null;
		for (int i = 0; i < args.length; i++) {
			String flag = args[i];
			switch (flag) {
				case "--nodes" -> nodes = intValue(flag, value(args, ++i, flag));
				case "--port" -> port = intValue(flag, value(args, ++i, flag));
				case "--data-dir" -> dataDirectory = Path.of(value(args, ++i, flag));
				case "--heap" -> heap = value(args, ++i, flag);
				case "--node-id" -> nodeId = intValue(flag, value(args, ++i, flag));
				case "--stop-on-stdin-eof" -> stopOnStdinEof = true;
				case "--secure" -> secure = true;
				case "--secrets-dir" -> secretsDirectory = Path.of(value(args, ++i, flag));
				default -> throw new IllegalArgumentException("Unknown option '" + flag + "'");
			}
		}
		return new Options(nodes, port, dataDirectory, heap, nodeId, stopOnStdinEof, secure, secretsDirectory);
	}

	private static String value(String[] args, int index, String flag) {
		if (index >= args.length) {
			throw new IllegalArgumentException(flag + " needs a value");
		}
		return args[index];
	}

	private static int intValue(String flag, String value) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(flag + " must be a number, not '" + value + "'");
		}
	}

	int brokerPort(int node) {
		return this.port + node - 1;
	}

	int controllerPort(int node) {
		return brokerPort(node) + CONTROLLER_PORT_OFFSET;
	}

	Path nodeDirectory(int node) {
		return this.dataDirectory.resolve("node-" + node);
	}

	String bootstrapServers() {
		List<String> servers = new ArrayList<>();
		for (int node = 1; node <= this.nodes; node++) {
			servers.add("127.0.0.1:" + brokerPort(node));
		}
		return String.join(",", servers);
	}

	/**
	 * Arguments that make a child process run one node of this cluster.
	 * @param node the node to run
	 * @return the arguments for {@link LocalKafka#main(String[])}
	 */
	List<String> nodeArguments(int node) {
		List<String> arguments = new ArrayList<>(List.of("--nodes", String.valueOf(this.nodes), "--port",
				String.valueOf(this.port), "--data-dir", this.dataDirectory.toString(), "--heap", this.heap,
				"--node-id", String.valueOf(node), "--stop-on-stdin-eof"));
		if (this.secure) {
			arguments.addAll(List.of("--secure", "--secrets-dir", this.secretsDirectory.toString()));
		}
		return arguments;
	}

	/**
	 * The secrets of a secured cluster, made if missing; valid for 127.0.0.1 and
	 * localhost.
	 * @return the secrets
	 */
	Secrets secrets() {
		return Secrets.ensure(this.secretsDirectory, List.of("localhost", "127.0.0.1"));
	}

}
