package dev.alphabets.consumer.health;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * DOWN while a record that must be dead-lettered is held on its partition because Kafka
 * refuses the dead letter (the topic is missing, or this principal may not write it): the
 * partition does not move past it, and the reason is shown until the dead letter is
 * written.
 */
@Component("deadLettersHealthIndicator")
public class DeadLettersHealthIndicator extends AbstractHealthIndicator {

	private final Map<String, String> blocked = new ConcurrentHashMap<>();

	public DeadLettersHealthIndicator() {
		super("Dead-letter health check failed");
	}

	/**
	 * Called when a dead letter could not be written.
	 * @param topic the record's topic
	 * @param partition the record's partition
	 * @param offset the record's offset
	 * @param reason why Kafka refused it
	 */
	public void blocked(String topic, int partition, long offset, String reason) {
		this.blocked.put(topic + "-" + partition, "held at offset " + offset + ": " + reason);
	}

	/**
	 * Called when a dead letter of the partition was written.
	 * @param topic the record's topic
	 * @param partition the record's partition
	 */
	public void cleared(String topic, int partition) {
		this.blocked.remove(topic + "-" + partition);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.blocked.isEmpty()) {
			builder.up();
			return;
		}
		builder.down()
			.withDetail("reason", "a dead letter was refused; its partition does not move on")
			.withDetail("partitions", new TreeMap<>(this.blocked));
	}

}
