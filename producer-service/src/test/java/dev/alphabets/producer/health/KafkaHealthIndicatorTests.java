package dev.alphabets.producer.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kafka health indicator against a real broker, and against none.
 */
@EmbeddedKafka
class KafkaHealthIndicatorTests {

	@Test
	void healthWhenBrokerAnswersShouldReturnUpWithClusterIdAndBrokerCount() {
		KafkaHealthIndicator indicator = indicator(EmbeddedKafkaCondition.getBroker(), 1);
		try {
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("brokerCount", 1).containsKey("clusterId");
		}
		finally {
			indicator.destroy();
		}
	}

	@Test
	void healthWhenFewerBrokersThanMinInsyncReplicasShouldReturnDown() {
		KafkaHealthIndicator indicator = indicator(EmbeddedKafkaCondition.getBroker(), 2);
		try {
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("brokerCount", 1).containsEntry("requiredBrokers", 2);
			assertThat(health.getDetails().get("reason")).asString().contains("min.insync.replicas");
		}
		finally {
			indicator.destroy();
		}
	}

	@Test
	void healthWhenClusterIsUnreachableShouldReturnDownWithinTheTimeout() throws IOException {
		int unusedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			unusedPort = socket.getLocalPort();
		}
		KafkaHealthIndicator indicator = new KafkaHealthIndicator(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + unusedPort), Duration.ofMillis(500),
				1);
		try {
			long start = System.nanoTime();
			Health health = indicator.health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
		finally {
			indicator.destroy();
		}
	}

	private static KafkaHealthIndicator indicator(EmbeddedKafkaBroker broker, int requiredBrokers) {
		return new KafkaHealthIndicator(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
				Duration.ofSeconds(5), requiredBrokers);
	}

}
