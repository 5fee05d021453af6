package dev.alphabets.producer.health;

import dev.alphabets.producer.sending.SenderControl;
import dev.alphabets.producer.sending.SenderStatus;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The sender is down once a permanent error stopped it, and says which message and why.
 */
class SenderHealthIndicator extends AbstractHealthIndicator {

	private final SenderControl sender;

	SenderHealthIndicator(SenderControl sender) {
		super("Sender health check failed");
		this.sender = sender;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		SenderStatus status = this.sender.status();
		String health = switch (status.state()) {
			case STOPPED, LEASE_LOST, FENCED -> "DOWN";
			// Not ready: another process is the sender (see the README's Operations).
			case STANDBY -> "OUT_OF_SERVICE";
			default -> "UP";
		};
		builder.status(health).withDetail("state", status.state());
		if (status.sequenceId() != null) {
			builder.withDetail("sequenceId", status.sequenceId()).withDetail("nextIndex", status.nextIndex());
		}
		if (status.messageId() != null) {
			builder.withDetail("messageId", status.messageId()).withDetail("reason", status.reason());
		}
	}

}
