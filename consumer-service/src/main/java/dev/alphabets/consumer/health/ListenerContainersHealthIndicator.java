package dev.alphabets.consumer.health;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ListenerContainerRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Reports the listener containers: DOWN when one is not in the state it should be in (a
 * container stopped on purpose is in its expected state), DOWN while the containers wait
 * for Kafka's bootstrap servers to resolve ({@link ListenerStarter}), and DOWN until each
 * running consumer has been given its partitions, or none as a standby.
 */
@Component("listenersHealthIndicator")
class ListenerContainersHealthIndicator extends AbstractHealthIndicator {

	private final ListenerContainerRegistry registry;

	private final PartitionAssignments assignments;

	private final ListenerStarter starter;

	@Autowired
	ListenerContainersHealthIndicator(ListenerContainerRegistry registry, PartitionAssignments assignments,
			ListenerStarter starter) {
		super("Listener container health check failed");
		this.registry = registry;
		this.assignments = assignments;
		this.starter = starter;
	}

	ListenerContainersHealthIndicator(ListenerContainerRegistry registry, PartitionAssignments assignments) {
		this(registry, assignments, null);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean allExpected = true;
		int runningConsumers = 0;
		for (MessageListenerContainer container : this.registry.getAllListenerContainers()) {
			allExpected &= container.isInExpectedState();
			runningConsumers += runningConsumers(container);
			builder.withDetail(container.getListenerId(), details(container));
		}
		// Until every running consumer has had its first assignment (possibly none: a
		// standby), the instance applies nothing and is not ready.
		int assigned = this.assignments.consumersAssigned();
		builder.withDetail("consumersRunning", runningConsumers).withDetail("consumersAssigned", assigned);
		String waitingFor = (this.starter != null) ? this.starter.waitingFor() : null;
		if (waitingFor != null) {
			builder.down().withDetail("reason", "not started: " + waitingFor);
		}
		else if (allExpected && assigned >= runningConsumers) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

	private static int runningConsumers(MessageListenerContainer container) {
		if (container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent) {
			return (int) concurrent.getContainers().stream().filter(MessageListenerContainer::isRunning).count();
		}
		return container.isRunning() ? 1 : 0;
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
