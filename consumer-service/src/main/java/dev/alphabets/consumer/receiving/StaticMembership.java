package dev.alphabets.consumer.receiving;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import dev.alphabets.consumer.AlphabetProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Static group membership: each consumer joins with a {@code group.instance.id} that is
 * the same after a restart, so a consumer that comes back within the session timeout gets
 * its partitions again at once, without a rebalance of the group. Spring Kafka appends
 * {@code -n} for each of the container's consumers.
 */
@Configuration(proxyBeanMethods = false)
class StaticMembership {

	/** {@code alphabet.instance-id} that turns static membership off. */
	static final String NONE = "none";

	private static final Logger logger = LoggerFactory.getLogger(StaticMembership.class);

	@Bean
	DefaultKafkaConsumerFactoryCustomizer groupInstanceId(AlphabetProperties properties, Environment environment) {
		String instanceId = instanceId(properties.instanceId(), environment);
		logger.info("Consumer group membership: {}",
				(instanceId != null) ? "static, group.instance.id " + instanceId + "-<n>" : "dynamic");
		return (factory) -> {
			if (instanceId != null) {
				factory.updateConfigs(Map.of(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId));
			}
		};
	}

	/**
	 * The configured id; by default the host name and the HTTP port, which two processes
	 * on one host never share; none (dynamic membership) with a random port, which a
	 * restart would not keep.
	 */
	static String instanceId(String configured, Environment environment) {
		if (configured != null && !configured.isBlank()) {
			return configured.equals(NONE) ? null : configured;
		}
		int port = environment.getProperty("server.port", Integer.class, 8080);
		return (port > 0) ? hostName(environment) + "-" + port : null;
	}

	private static String hostName(Environment environment) {
		String host = System.getenv("HOSTNAME");
		if (host == null || host.isBlank()) {
			try {
				host = InetAddress.getLocalHost().getHostName();
			}
			catch (UnknownHostException ex) {
				host = environment.getProperty("spring.application.name", "consumer-service");
			}
		}
		return host.replaceAll("[^A-Za-z0-9._-]", "_");
	}

}
