package dev.alphabets.consumer.receiving;

/**
 * Thrown when a record breaks the wire contract, so that no retry can ever apply it.
 */
class InvalidLetterException extends RuntimeException {

	InvalidLetterException(String message) {
		super(message);
	}

}
