package dev.alphabets.localkafka;

import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The {@code server.properties} of one combined broker and controller node, bound to
 * 127.0.0.1.
 */
final class NodeConfig {

	private NodeConfig() {
	}

	static Properties of(Options options, int node) {
		int replicationFactor = options.nodes();
		// With three replicas an acks=all write survives one broker down; with one broker
		// there is nothing to wait for.
		int minInsyncReplicas = (options.nodes() == 1) ? 1 : 2;
		String broker = "127.0.0.1:" + options.brokerPort(node);
		String controller = "127.0.0.1:" + options.controllerPort(node);
		Properties properties = new Properties();
		properties.setProperty("process.roles", "broker,controller");
		properties.setProperty("node.id", String.valueOf(node));
		properties.setProperty("listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller);
		properties.setProperty("advertised.listeners", "PLAINTEXT://" + broker + ",CONTROLLER://" + controller);
		properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
		properties.setProperty("controller.listener.names", "CONTROLLER");
		properties.setProperty("inter.broker.listener.name", "PLAINTEXT");
		if (options.nodes() == 1) {
			// A dynamic quorum of one, formatted with --standalone.
			properties.setProperty("controller.quorum.bootstrap.servers", controller);
		}
		else {
			properties.setProperty("controller.quorum.voters", voters(options));
		}
		properties.setProperty("log.dirs", options.nodeDirectory(node).resolve("logs").toString());
		properties.setProperty("num.partitions", "3");
		properties.setProperty("default.replication.factor", String.valueOf(replicationFactor));
		properties.setProperty("min.insync.replicas", String.valueOf(minInsyncReplicas));
		properties.setProperty("unclean.leader.election.enable", "false");
		properties.setProperty("offsets.topic.replication.factor", String.valueOf(replicationFactor));
		// Fewer than the default 50 partitions: the first consumer group on a laptop
		// waits for all of them.
		properties.setProperty("offsets.topic.num.partitions", "10");
		properties.setProperty("transaction.state.log.replication.factor", String.valueOf(replicationFactor));
		properties.setProperty("transaction.state.log.min.isr", String.valueOf(minInsyncReplicas));
		properties.setProperty("share.coordinator.state.topic.replication.factor", String.valueOf(replicationFactor));
		properties.setProperty("share.coordinator.state.topic.min.isr", String.valueOf(minInsyncReplicas));
		// Topics are declared by the applications (NewTopic beans), as on the compose
		// cluster: a typo in a topic
		// name fails here too instead of creating a topic with broker defaults.
		properties.setProperty("auto.create.topics.enable", "false");
		properties.setProperty("group.initial.rebalance.delay.ms", "0");
		properties.setProperty("num.recovery.threads.per.data.dir", "1");
		// Broker liveness as Kafka's own fail-over tests set it for quick detection (its
		// KRaft controller tests: heartbeat 10 ms, session 1000 ms; ConsumerBounceTest:
		// 50 ms and 300 ms), instead of the defaults (2 s and 9 s): the controller fences
		// a
		// killed broker and moves its leaders after about 1 s instead of 9 s. The 1 s
		// session leaves a loaded 2-core machine room for pauses without fencing a live
		// broker. Production (docker-compose.yml) keeps the defaults, and so does a
		// single
		// node: it has no one to fail over to, and fencing it on an overloaded machine
		// would only stop it.
		if (options.nodes() > 1) {
			properties.setProperty("broker.heartbeat.interval.ms", "100");
			properties.setProperty("broker.session.timeout.ms", "1000");
		}
		if (options.secure()) {
			secure(properties, options.secrets(), broker, controller);
		}
		return properties;
	}

	/**
	 * SASL_SSL everywhere. Clients and brokers among themselves authenticate with SCRAM
	 * (users added when the storage is formatted); the controller listener uses PLAIN,
	 * because a controller cannot check SCRAM credentials that live in the metadata it
	 * serves. Brokers and controllers connect as {@code admin}, the only super user; with
	 * no ACL found, nobody else may do anything.
	 */
	private static void secure(Properties properties, Secrets secrets, String broker, String controller) {
		String admin = secrets.password("admin");
		properties.setProperty("listeners", "SASL_SSL://" + broker + ",CONTROLLER://" + controller);
		properties.setProperty("advertised.listeners", "SASL_SSL://" + broker + ",CONTROLLER://" + controller);
		properties.setProperty("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:SASL_SSL");
		properties.setProperty("inter.broker.listener.name", "SASL_SSL");
		properties.setProperty("sasl.mechanism.inter.broker.protocol", Secrets.MECHANISM);
		properties.setProperty("sasl.mechanism.controller.protocol", "PLAIN");
		properties.setProperty("listener.name.sasl_ssl.sasl.enabled.mechanisms", Secrets.MECHANISM);
		properties.setProperty("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
				Secrets.scramJaas("admin", admin));
		properties.setProperty("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
		properties.setProperty("listener.name.controller.plain.sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\""
						+ admin + "\" user_admin=\"" + admin + "\";");
		properties.setProperty("ssl.keystore.type", "PKCS12");
		properties.setProperty("ssl.keystore.location", secrets.keyStore().toString());
		properties.setProperty("ssl.keystore.password", secrets.storePassword());
		properties.setProperty("ssl.key.password", secrets.storePassword());
		properties.setProperty("ssl.truststore.type", "PKCS12");
		properties.setProperty("ssl.truststore.location", secrets.trustStore().toString());
		properties.setProperty("ssl.truststore.password", secrets.storePassword());
		properties.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		properties.setProperty("super.users", "User:admin");
		properties.setProperty("allow.everyone.if.no.acl.found", "false");
	}

	private static String voters(Options options) {
		return IntStream.rangeClosed(1, options.nodes())
			.mapToObj((node) -> node + "@127.0.0.1:" + options.controllerPort(node))
			.collect(Collectors.joining(","));
	}

}
