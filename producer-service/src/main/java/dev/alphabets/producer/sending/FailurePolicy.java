package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ProducerFactory;

/**
 * What happens after a send failed, so that order stays strict. On the first failure the
 * producer is closed at once, from the client's I/O thread, with a zero timeout: that
 * aborts every batch not yet sent, so no later batch of the same partition can be written
 * after the failed one under a bumped epoch (the idempotent producer's gap hazard, see
 * the javadoc of {@code KafkaProducer.send}). Once every future of the window has
 * completed, the tail of each partition tells which letters were written after all;
 * sending resumes at the first letter that is not there, so every sequence stays a
 * contiguous prefix followed by its re-sent suffix.
 */
final class FailurePolicy {

	private static final Logger logger = LoggerFactory.getLogger(FailurePolicy.class);

	private final InFlightWindow window;

	private final ProducerFactory<?, ?> producers;

	private final PartitionTails tails;

	private final FailureStore failures;

	private final MissingTopics missingTopics;

	private final String topic;

	private final Duration drainLimit;

	private final PartitionWarmUp warmUp;

	FailurePolicy(InFlightWindow window, ProducerFactory<?, ?> producers, PartitionTails tails, FailureStore failures,
			MissingTopics missingTopics, String topic, IntSupplier partitionCount) {
		this.window = window;
		this.producers = producers;
		this.drainLimit = drainLimit(producers.getConfigurationProperties());
		this.warmUp = new PartitionWarmUp(partitionCount);
		this.tails = tails;
		this.failures = failures;
		this.missingTopics = missingTopics;
		this.topic = topic;
	}

	/**
	 * Records a failed send; the first one closes the producer. Runs on the client's I/O
	 * thread (or the sender's, for a failure at the send call itself).
	 * @param slot the letter
	 * @param failure why it failed
	 */
	void failed(InFlightWindow.Slot slot, SendFailedException failure) {
		if (this.window.failed(slot, failure)) {
			// The next send gets a fresh producer, with a new producer id.
			this.producers.reset();
			this.warmUp.reset();
			logger.warn(
					"Send of messageId={} sequenceId={} index={} failed (fatal={}): {}. Closed the producer;"
							+ " checking the partitions before resuming",
					slot.letter.messageId(), slot.letter.sequenceId(), slot.letter.index(), !failure.isRetriable(),
					failure.reason());
		}
	}

	/**
	 * Resolves a failure: waits until the window has drained, reads the partitions' tails
	 * (storing the first unresolved letter as PENDING while they cannot be read), and
	 * decides where to resume.
	 * @param running whether the sender still runs
	 * @param pause waits between attempts; {@code false} once the sender stops
	 * @param pending told each time a letter is stored PENDING meanwhile
	 * @return what to do next, or {@code null} if the sender stopped meanwhile
	 */
	Outcome recover(BooleanSupplier running, Pause pause, BiConsumer<Letter, String> pending)
			throws InterruptedException {
		long giveUp = System.nanoTime() + this.drainLimit.toNanos();
		while (!this.window.awaitDrained(Duration.ofSeconds(1))) {
			if (!running.getAsBoolean()) {
				return null;
			}
			// Every send of a live producer completes within delivery.timeout.ms; one
			// caught in the closing of the old producer may never complete.
			if (System.nanoTime() - giveUp > 0) {
				logger.warn("{} letter(s) never completed within {} of the failure; the partitions' tails decide",
						this.window.abandonIncomplete(), this.drainLimit);
				break;
			}
		}
		SendFailedException failure = this.window.firstFailure();
		Letter failed = this.window.firstFailed();
		this.missingTopics.createIfMissing(failure, (duration) -> pause.await());
		Map<String, Delivery> found = null;
		while (found == null) {
			try {
				found = this.tails.read();
			}
			catch (RuntimeException ex) {
				List<Letter> unresolved = this.window.unresolved();
				Letter first = unresolved.isEmpty() ? failed : unresolved.get(0);
				SendFailedException cause = new SendFailedException(ex);
				if (SendErrors.isAccessDenied(ex)) {
					// Wrong credentials or a missing ACL: waiting cannot fix it.
					store(first, true, cause);
					logger.error("Stored messageId={} as FAILED; the partitions may not be read: {}", first.messageId(),
							cause.reason());
					return new Outcome(first, cause, true);
				}
				store(first, false, cause);
				pending.accept(first, cause.reason());
				logger.warn("Stored messageId={} as PENDING; the partitions cannot be read yet: {}", first.messageId(),
						cause.reason());
				if (!running.getAsBoolean() || !pause.await()) {
					return null;
				}
			}
		}
		Letter resume = this.window.resolve(found);
		if (resume == null) {
			logger.info("Every letter of the window is on the partitions; carrying on");
			return new Outcome(null, null, false);
		}
		boolean permanent = !failure.isRetriable();
		if (permanent && !resume.messageId().equals(failed.messageId())) {
			logger.warn("Resuming at messageId={} sequenceId={} index={}, before the letter that failed permanently",
					resume.messageId(), resume.sequenceId(), resume.index());
			return new Outcome(resume, null, false);
		}
		store(resume, permanent, failure);
		logger.info("Resuming at messageId={} sequenceId={} index={}, the first letter not on its partition",
				resume.messageId(), resume.sequenceId(), resume.index());
		return new Outcome(resume, failure, permanent);
	}

	private void store(Letter letter, boolean permanent, SendFailedException failure) {
		this.window.openEntry(letter.messageId());
		try {
			this.failures.recordFailure(letter, this.topic, permanent, failure.reason(), failure.exceptionClass());
		}
		catch (RuntimeException ex) {
			logger.error("Could not store messageId={} in the failed-message store", letter.messageId(), ex);
		}
	}

	/**
	 * How a failure was resolved.
	 *
	 * @param resumeAt the first letter not on its partition, sent next; {@code null} if
	 * every letter was there
	 * @param failure the failure stored for it, if any
	 * @param permanent whether it failed permanently: the sender stops at it
	 */
	record Outcome(Letter resumeAt, SendFailedException failure, boolean permanent) {
	}

	/** Which partitions have acknowledged a letter of the current producer. */
	PartitionWarmUp warmUp() {
		return this.warmUp;
	}

	/**
	 * Waits until the leader of every partition answers, before the first letter.
	 * @param pause waits between attempts; returns false when the sender stops
	 */
	void awaitLeaders(TopicLeaders.Pause pause) throws InterruptedException {
		this.missingTopics.awaitLeaders(pause);
	}

	/**
	 * How long the window may take to drain after a failure: the client's
	 * {@code delivery.timeout.ms}, within which it completes every send, and a margin.
	 */
	static Duration drainLimit(Map<String, Object> config) {
		Object configured = config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
		long millis = (configured != null) ? Long.parseLong(String.valueOf(configured).strip()) : 120_000L;
		return Duration.ofMillis(millis).plusSeconds(10);
	}

	/** A pause between attempts. */
	@FunctionalInterface
	interface Pause {

		/**
		 * @return {@code false} if the sender stopped meanwhile
		 */
		boolean await() throws InterruptedException;

	}

}
