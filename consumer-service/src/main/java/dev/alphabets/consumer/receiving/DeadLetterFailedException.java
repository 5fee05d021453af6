package dev.alphabets.consumer.receiving;

/**
 * Thrown when Kafka did not take a dead letter: the poll is rolled back and retried, so
 * the record is neither lost nor stored past.
 */
class DeadLetterFailedException extends RuntimeException {

	DeadLetterFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
