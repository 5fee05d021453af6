package dev.alphabets.producer.sending;

import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.KafkaException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which send errors the sender retries and which stop it.
 */
class SendErrorsTests {

	@Test
	void timeoutsAndMissingReplicasShouldBeRetriableThroughWrappers() {
		assertThat(SendErrors.isRetriable(wrapped(new TimeoutException("Expiring 1 record(s)")))).isTrue();
		assertThat(SendErrors.isRetriable(wrapped(new NotEnoughReplicasException("2 required")))).isTrue();
		assertThat(SendErrors.isRetriable(new OutOfOrderSequenceException("reset"))).isTrue();
	}

	@Test
	void aBootstrapNameThatDoesNotResolveYetShouldBeRetriable() {
		Exception construction = new org.apache.kafka.common.KafkaException("Failed to construct kafka producer",
				new ConfigException("No resolvable bootstrap urls given in bootstrap.servers"));
		assertThat(SendErrors.isRetriable(new KafkaException("Failed to create producer", construction))).isTrue();
		assertThat(SendErrors.isRetriable(new ConfigException("Invalid value 1 for configuration acks"))).isFalse();
	}

	@Test
	void abortByAForcedCloseShouldBeToldApartFromRealFailures() {
		assertThat(SendErrors
			.isAbort(wrapped(new org.apache.kafka.common.KafkaException("Producer is closed forcefully.")))).isTrue();
		assertThat(SendErrors.isAbort(wrapped(new TimeoutException("Expiring 1 record(s)")))).isFalse();
	}

	@Test
	void sizeSerializationAuthorizationAndTopicErrorsShouldBePermanent() {
		assertThat(SendErrors.isRetriable(wrapped(new RecordTooLargeException("too large")))).isFalse();
		assertThat(SendErrors.isRetriable(new SerializationException("bad value"))).isFalse();
		assertThat(SendErrors.isRetriable(wrapped(new TopicAuthorizationException("denied")))).isFalse();
		assertThat(SendErrors.isRetriable(wrapped(new InvalidTopicException("bad name")))).isFalse();
	}

	@Test
	void failureShouldNameTheKafkaErrorInsideTheWrappers() {
		SendFailedException failure = new SendFailedException(wrapped(new RecordTooLargeException("too large")));
		assertThat(failure.exceptionClass()).isEqualTo(RecordTooLargeException.class.getName());
		assertThat(failure.reason()).isEqualTo("RecordTooLargeException: too large");
		assertThat(failure.isRetriable()).isFalse();
	}

	private static Throwable wrapped(Exception cause) {
		return new ExecutionException(new KafkaException("Send failed", cause));
	}

}
