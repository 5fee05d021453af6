package dev.alphabets.localkafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a real Apache Kafka cluster in KRaft mode on 127.0.0.1: one node, or three nodes
 * as three OS processes.
 */
public final class LocalKafka {

	private static final Logger logger = LoggerFactory.getLogger(LocalKafka.class);

	private LocalKafka() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 1 && "--help".equals(args[0])) {
			logger.info("{}", Options.USAGE);
			return;
		}
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			logger.error("{}\n{}", ex.getMessage(), Options.USAGE);
			System.exit(2);
			return;
		}
		if (options.nodeId() != 0) {
			new KafkaNode(options, options.nodeId()).run();
		}
		else {
			System.exit(new Launcher(options).run());
		}
	}

}
