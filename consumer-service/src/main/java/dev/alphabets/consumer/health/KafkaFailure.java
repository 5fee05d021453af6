package dev.alphabets.consumer.health;

import java.util.concurrent.TimeoutException;

/**
 * Turns a failed Kafka check into the reason readiness shows: the innermost message,
 * which names the cause ("No resolvable bootstrap urls given in bootstrap.servers",
 * "Timed out waiting for a node assignment", ...).
 */
final class KafkaFailure {

	private KafkaFailure() {
	}

	static String reason(Throwable failure) {
		if (failure instanceof TimeoutException) {
			return "Kafka did not answer in time (" + failure.getClass().getSimpleName() + ")";
		}
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
		return (cause == failure) ? message : failure.getMessage() + ": " + message;
	}

}
