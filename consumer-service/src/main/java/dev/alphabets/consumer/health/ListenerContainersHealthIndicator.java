package dev.alphabets.consumer.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Reports the listener containers: DOWN when one is not in the state it should be in (a
 * container stopped on purpose is in its expected state).
 */
@Component("listenersHealthIndicator")
class ListenerContainersHealthIndicator extends AbstractHealthIndicator {

	private final ListenerContainerRegistry registry;

	ListenerContainersHealthIndicator(ListenerContainerRegistry registry) {
		super("Listener container health check failed");
		this.registry = registry;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean allExpected = true;
		for (MessageListenerContainer container : this.registry.getAllListenerContainers()) {
			allExpected &= container.isInExpectedState();
			builder.withDetail(container.getListenerId(), details(container));
		}
		if (allExpected) {
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
