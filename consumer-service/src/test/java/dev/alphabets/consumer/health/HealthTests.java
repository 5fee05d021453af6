package dev.alphabets.consumer.health;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.alphabets.consumer.ConsumerIntegrationTestSupport;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Readiness covers Kafka, the database and the listener containers; liveness depends on
 * none of them.
 */
class HealthTests extends ConsumerIntegrationTestSupport {

	@Test
	void readinessIsUpWithKafkaDatabaseAndListenerDetails() throws Exception {
		JsonNode readiness = json(getAsOperator("/actuator/health/readiness").body());
		assertThat(readiness.at("/status").asString()).isEqualTo("UP");
		assertThat(readiness.at("/components/kafka/details/brokerCount").asInt()).isEqualTo(1);
		assertThat(readiness.at("/components/kafka/details/clusterId").asString()).isNotBlank();
		assertThat(readiness.at("/components/db/status").asString()).isEqualTo("UP");
		assertThat(readiness.at("/components/listeners/details/alphabets/running").asBoolean()).isTrue();
		assertThat(readiness.at("/components/readinessState/status").asString()).isEqualTo("UP");
		assertThat(readiness.at("/components/listeners/details/consumersAssigned").asInt())
			.isEqualTo(readiness.at("/components/listeners/details/consumersRunning").asInt())
			.isEqualTo(3);
		JsonNode liveness = json(getAsOperator("/actuator/health/liveness").body());
		assertThat(liveness.at("/components").propertyNames()).containsExactly("livenessState");
	}

	@Test
	void anonymousCallersGetTheStatusAloneAndNoDiscoveryPage() throws Exception {
		for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(json(response.body()).propertyNames()).as(path)
				.contains("status")
				.doesNotContain("components", "details");
		}
		assertThat(getAsOperator("/actuator/health").body()).contains("\"components\"");
		assertThat(get("/actuator").statusCode()).isIn(401, 404);
		assertThat(getAsOperator("/actuator").statusCode()).isIn(403, 404);
		assertThat(get("/actuator/env").statusCode()).isEqualTo(401);
	}

	@Test
	void kafkaHealthWhenFewerBrokersThanRequiredShouldReturnDown() {
		try (SharedAdminClient admin = admin(this.broker.getBrokersAsString())) {
			Health health = new KafkaHealthIndicator(admin, Duration.ofSeconds(1), 2).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("brokerCount", 1).containsEntry("minBrokers", 2);
		}
	}

	@Test
	void kafkaHealthWhenBrokerIsUnreachableShouldReturnDownWithinTheTimeout() {
		try (SharedAdminClient admin = admin("127.0.0.1:1")) {
			long start = System.nanoTime();
			Health health = new KafkaHealthIndicator(admin, Duration.ofSeconds(1), 1).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
	}

	@Test
	void listenersHealthWhenAContainerIsNotInItsExpectedStateShouldReturnDown() {
		MessageListenerContainer stoppedOnPurpose = container("stopped", false, true);
		MessageListenerContainer failed = container("failed", false, false);
		ListenerContainerRegistry registry = mock(ListenerContainerRegistry.class);
		given(registry.getAllListenerContainers()).willReturn(List.of(stoppedOnPurpose));
		assertThat(new ListenerContainersHealthIndicator(registry, new PartitionAssignments()).health(true).getStatus())
			.isEqualTo(Status.UP);
		given(registry.getAllListenerContainers()).willReturn(List.of(stoppedOnPurpose, failed));
		Health health = new ListenerContainersHealthIndicator(registry, new PartitionAssignments()).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsKeys("stopped", "failed");
	}

	private static MessageListenerContainer container(String id, boolean running, boolean expected) {
		MessageListenerContainer container = mock(MessageListenerContainer.class);
		given(container.getListenerId()).willReturn(id);
		given(container.isRunning()).willReturn(running);
		given(container.isInExpectedState()).willReturn(expected);
		return container;
	}

	private static SharedAdminClient admin(String bootstrapServers) {
		return new SharedAdminClient(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

}
