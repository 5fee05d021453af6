package dev.alphabets.consumer.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Reports the listener containers: DOWN when one is not in the state it should be in (a
 * container stopped on purpose is in its expected state), and DOWN while the containers
 * wait for Kafka's bootstrap servers to resolve ({@link ListenerStarter}).
 */
@Component("listenersHealthIndicator")
class ListenerContainersHealthIndicator extends AbstractHealthIndicator {

	private final ListenerContainerRegistry registry;

	private final ListenerStarter starter;

	@Autowired
	ListenerContainersHealthIndicator(ListenerContainerRegistry registry, ListenerStarter starter) {
		super("Listener container health check failed");
		this.registry = registry;
		this.starter = starter;
	}

	ListenerContainersHealthIndicator(ListenerContainerRegistry registry) {
		this(registry, null);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean allExpected = true;
		for (MessageListenerContainer container : this.registry.getAllListenerContainers()) {
			allExpected &= container.isInExpectedState();
			builder.withDetail(container.getListenerId(), details(container));
		}
		String waitingFor = (this.starter != null) ? this.starter.waitingFor() : null;
		if (waitingFor != null) {
			builder.down().withDetail("reason", "not started: " + waitingFor);
		}
		else if (allExpected) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private static Map<String, Object> details(MessageListenerContainer container) {
		Collection<TopicPartition> assigned = container.getAssignedPartitions();
		List<String> partitions = (assigned != null) ? assigned.stream().map(TopicPartition::toString).sorted().toList()
				: List.of();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("running", container.isRunning());
		details.put("pauseRequested", container.isPauseRequested());
		details.put("inExpectedState", container.isInExpectedState());
		details.put("assignedPartitions", partitions);
		return details;
	}

}
