package dev.alphabets.producer.sending;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownProducerIdException;

/**
 * Tells errors worth sending again (the cluster may heal) from permanent ones (sending
 * the same record again cannot succeed until someone changes something).
 */
final class SendErrors {

	private SendErrors() {
	}

	/**
	 * Finds the Kafka error inside the wrappers that the template and the future add.
	 * @param failure what the send threw or completed with
	 * @return the innermost cause that explains the failure
	 */
	static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			if (cause instanceof org.apache.kafka.common.errors.ApiException) {
				return cause;
			}
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * Whether the client aborted the send because the producer was closed with a zero
	 * timeout: the failure policy does that on the first failed send, to every letter not
	 * yet written behind it. Those letters are sent again, not stored.
	 * @param failure what the send completed with
	 * @return whether it is such an abort
	 */
	static boolean isAbort(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (String.valueOf(cause.getMessage()).contains("closed forcefully")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Retriable: the client's own retriable errors (timeouts, not enough replicas, leader
	 * changes), and the idempotence state errors after which the template starts a new
	 * producer. Everything else (record too large, serialization, authorization, invalid
	 * topic) is permanent.
	 * @param failure what the send threw or completed with
	 * @return whether the same record may be delivered later without a change
	 */
	static boolean isRetriable(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (isUnresolvableBootstrap(cause) || cause instanceof RetriableException
					|| cause instanceof OutOfOrderSequenceException || cause instanceof UnknownProducerIdException
					|| cause instanceof InvalidPidMappingException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the cluster refused the client: its credentials (authentication) or its
	 * ACLs (authorization). Permanent until an operator changes either.
	 * @param failure what a Kafka call threw or completed with
	 * @return whether it is such a refusal
	 */
	static boolean isAccessDenied(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof AuthenticationException || cause instanceof AuthorizationException) {
				return true;
			}
		}
		return false;
	}

	// The settings were checked at start-up, so the only configuration error left when a
	// producer is created is a bootstrap name that does not resolve yet (brokers not up,
	// DNS not ready): the next send creates a new producer and may find them.
	private static boolean isUnresolvableBootstrap(Throwable cause) {
		return cause instanceof ConfigException
				&& String.valueOf(cause.getMessage()).contains("No resolvable bootstrap urls");
	}

}
