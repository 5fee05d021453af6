package dev.alphabets.consumer.health;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.event.EventListener;
import org.springframework.kafka.event.ConsumerStartingEvent;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.stereotype.Component;

/**
 * Which consumer threads have had their first partition assignment (possibly none, for a
 * standby) since they started: until each has, the instance is not ready.
 */
@Component
public class PartitionAssignments {

	private final Map<String, Boolean> assigned = new ConcurrentHashMap<>();

	/**
	 * Called on a consumer thread when the group has given it its partitions, even none.
	 */
	public void assigned() {
		this.assigned.put(Thread.currentThread().getName(), Boolean.TRUE);
	}

	@EventListener
	void starting(ConsumerStartingEvent event) {
		this.assigned.remove(Thread.currentThread().getName());
	}

	@EventListener
	void stopped(ConsumerStoppedEvent event) {
		this.assigned.remove(Thread.currentThread().getName());
	}

	int consumersAssigned() {
		return this.assigned.size();
	}

}
