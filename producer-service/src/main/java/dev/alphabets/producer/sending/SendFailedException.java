package dev.alphabets.producer.sending;

/**
 * A letter the broker did not acknowledge, with whether sending it again may succeed.
 */
public class SendFailedException extends Exception {

	private final boolean retriable;

	public SendFailedException(Throwable failure) {
		super(SendErrors.rootCause(failure).getMessage(), SendErrors.rootCause(failure));
		this.retriable = SendErrors.isRetriable(failure);
	}

	/**
	 * Whether the cluster may accept the same record later.
	 * @return {@code true} for retriable errors, {@code false} for permanent ones
	 */
	public boolean isRetriable() {
		return this.retriable;
	}

	/**
	 * The class of the Kafka error behind this failure.
	 * @return a fully qualified class name
	 */
	public String exceptionClass() {
		return getCause().getClass().getName();
	}

	/**
	 * A short, human-readable reason.
	 * @return the simple class name and the message of the cause
	 */
	public String reason() {
		return getCause().getClass().getSimpleName() + ": " + getMessage();
	}

}
