package dev.alphabets.consumer.receiving;

/**
 * At-most-once: the poll's offsets could not be committed to Kafka, so nothing of it was
 * stored; retried like an outage, never blamed on a record.
 */
class CommitFailedBeforeStoringException extends RuntimeException {

	CommitFailedBeforeStoringException(String message, Throwable cause) {
		super(message, cause);
	}

}
