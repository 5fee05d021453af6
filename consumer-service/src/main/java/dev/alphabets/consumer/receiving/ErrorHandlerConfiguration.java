package dev.alphabets.consumer.receiving;

import java.nio.charset.StandardCharsets;

import dev.alphabets.consumer.AlphabetProperties;
import dev.alphabets.consumer.sequences.DatabaseFailures;
import dev.alphabets.consumer.sequences.LetterStore;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The single error handler Boot wires into the listener container. The listener
 * dead-letters broken records itself; what reaches this handler is a database outage or a
 * dead-letter topic that refuses writes (retried for as long as it lasts), or an
 * unexpected failure (retried a few times, then its first record is dead-lettered).
 */
@Configuration(proxyBeanMethods = false)
class ErrorHandlerConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(ErrorHandlerConfiguration.class);

	/** Attempts for a failure that is neither a broken record nor a database outage. */
	private static final int UNEXPECTED_FAILURE_ATTEMPTS = 3;

	@Bean(destroyMethod = "shutdown")
	ThreadPoolTaskScheduler backOffScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setThreadNamePrefix("alphabet-back-off-");
		return scheduler;
	}

	@Bean
	DefaultErrorHandler errorHandler(DeadLetterPublishingRecoverer deadLetters, LetterStore store,
			AlphabetProperties properties, KafkaListenerEndpointRegistry registry,
			ThreadPoolTaskScheduler backOffScheduler) {
		// Pausing the container instead of sleeping in the consumer thread keeps it
		// polling, so a long outage never exceeds max.poll.interval.ms.
		ContainerPausingBackOffHandler pausing = new ContainerPausingBackOffHandler(
				new ListenerContainerPauseService(registry, backOffScheduler));
		// A record given up on moves the stored position past it too, or the next
		// assignment would seek back to it.
		ConsumerAwareRecordRecoverer recoverer = (record, consumer, exception) -> {
			deadLetters.accept(record, consumer, exception);
			store.recovered(consumer.groupMetadata().groupId(), record.topic(), record.partition(),
					record.offset() + 1);
		};
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff(properties, Integer.MAX_VALUE),
				pausing);
		handler.addNotRetryableExceptions(InvalidLetterException.class);
		handler.setBackOffFunction((record, exception) -> isTransient(exception) ? null
				: backOff(properties, UNEXPECTED_FAILURE_ATTEMPTS));
		handler.setCommitRecovered(true);
		// Every failed attempt is logged below and every dead letter by the recoverer;
		// the
		// handler's own "Seek to current after exception", thrown to redeliver the rest
		// of a batch, would add a stack trace per poison pill.
		handler.setLogLevel(KafkaException.Level.DEBUG);
		handler.setRetryListeners((record, exception, attempt) -> logger.warn(
				"Delivery attempt {} failed for key={} topic={} partition={} offset={}: {}", attempt, key(record),
				record.topic(), record.partition(), record.offset(), rootMessage(exception)));
		return handler;
	}

	/**
	 * A database outage, a dead letter Kafka did not take, or (at-most-once) offsets
	 * Kafka did not take before the store: retried for as long as it lasts, never blamed
	 * on a record.
	 */
	static boolean isTransient(Throwable exception) {
		if (DatabaseFailures.isOutage(exception)) {
			return true;
		}
		for (Throwable cause = exception; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof DeadLetterFailedException || cause instanceof CommitFailedBeforeStoringException) {
				return true;
			}
		}
		return false;
	}

	/** The record's key as text: the listener receives bytes. */
	static String key(ConsumerRecord<?, ?> record) {
		return (record.key() instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
				: String.valueOf(record.key());
	}

	static String rootMessage(Throwable exception) {
		Throwable root = exception;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

	private static BackOff backOff(AlphabetProperties properties, int maxAttempts) {
		AlphabetProperties.BackOff settings = properties.backOff();
		ExponentialBackOff backOff = new ExponentialBackOff(settings.initialInterval().toMillis(),
				settings.multiplier());
		backOff.setMaxInterval(settings.maxInterval().toMillis());
		backOff.setMaxAttempts(maxAttempts);
		return backOff;
	}

}
