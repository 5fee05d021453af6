package dev.alphabets.producer.sending;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.AlphabetProperties;
import dev.alphabets.producer.failures.FailedMessageRepository;
import dev.alphabets.producer.failures.FailedMessageStatus;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends A to Z, one letter per interval, round after round. It moves to the next letter
 * only once the broker acknowledged the current one and its new position is stored, so it
 * never skips or reorders a letter.
 */
@Component
public class AlphabetSender implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(AlphabetSender.class);

	/**
	 * The least pause after a step that did not deliver. A database error after the
	 * acknowledgement sends the same letter again, so a short interval must not turn a
	 * database outage into a stream of duplicates.
	 */
	static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

	private final LetterPublisher publisher;

	private final SenderProgressRepository progress;

	private final FailedMessageRepository failures;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final PermanentFailureExit exit;

	private final AlphabetProperties properties;

	private final MissingTopics missingTopics;

	private final Clock clock;

	private volatile ScheduledExecutorService executor;

	private volatile Position position;

	private volatile SenderStatus status = new SenderStatus(SenderStatus.State.IDLE, null, 0, null, null);

	// Whether the current letter may have an open entry in the failed-message store (one
	// from before a restart, or one this process stored). Only then is there an entry
	// to close on delivery; otherwise each letter saves that statement.
	private boolean failureMayBeStored = true;

	AlphabetSender(LetterPublisher publisher, SenderProgressRepository progress, FailedMessageRepository failures,
			TransactionTemplate transactions, JsonMapper json, PermanentFailureExit exit, AlphabetProperties properties,
			MissingTopics missingTopics) {
		this.publisher = publisher;
		this.progress = progress;
		this.failures = failures;
		this.transactions = transactions;
		this.json = json;
		this.exit = exit;
		this.properties = properties;
		this.missingTopics = missingTopics;
		this.clock = Clock.systemUTC();
	}

	@Override
	public void start() {
		if (!this.properties.sender().enabled()) {
			logger.info("Sender disabled (alphabet.sender.enabled=false)");
			return;
		}
		String id = this.properties.sender().id();
		this.position = this.progress.find(id).orElseGet(Position::newSequence);
		setStatus(SenderStatus.State.RUNNING, null, null);
		logger.info("Sender starting at sequenceId={} index={} every {}", this.position.sequenceId(),
				this.position.nextIndex(), this.properties.sender().interval());
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
				(task) -> new Thread(task, "alphabet-sender"));
		// Stopping drops the next step if it is still waiting for its interval.
		executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.executor = executor;
		executor.execute(this::tick);
	}

	@Override
	public void stop() {
		ScheduledExecutorService running = this.executor;
		this.executor = null;
		if (running != null) {
			// Let the letter in flight finish: its acknowledgement moves the durable
			// progress on.
			running.shutdown();
			try {
				if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
					running.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * What the sender is doing now.
	 * @return the status
	 */
	public SenderStatus status() {
		return this.status;
	}

	// Each step schedules the next one, so the pause can depend on how the step went; an
	// interval of zero runs the next step at once.
	private void tick() {
		if (this.executor == null) {
			return;
		}
		boolean delivered = false;
		try {
			delivered = sendNext();
		}
		catch (RuntimeException ex) {
			// A database error after the acknowledgement: the same letter goes again,
			// with the same message id, on the next tick.
			logger.error("Sender step failed at sequenceId={} index={}; retrying the same letter",
					this.position.sequenceId(), this.position.nextIndex(), ex);
		}
		Duration interval = this.properties.sender().interval();
		Duration pause = (delivered || interval.compareTo(PAUSE_AFTER_FAILURE) > 0) ? interval : PAUSE_AFTER_FAILURE;
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			try {
				executor.schedule(this::tick, pause.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (RejectedExecutionException ex) {
				// Stopped meanwhile.
			}
		}
	}

	private synchronized boolean sendNext() {
		if (this.status.state() == SenderStatus.State.STOPPED) {
			return false;
		}
		Letter letter = Letter.of(this.position.sequenceId(), this.position.nextIndex(), this.clock.instant());
		try {
			Delivery delivery = this.publisher.send(letter);
			boolean closeStoredFailure = this.failureMayBeStored;
			this.transactions.executeWithoutResult((tx) -> {
				if (closeStoredFailure) {
					this.failures.markDelivered(letter.messageId(), delivery, "sender", "DELIVERED");
				}
				advance();
			});
			this.failureMayBeStored = false;
			setStatus(SenderStatus.State.RUNNING, null, null);
			return true;
		}
		catch (SendFailedException ex) {
			if (this.executor == null) {
				logger.info("Shutting down with messageId={} unacknowledged; it is sent again after a restart",
						letter.messageId());
				return false;
			}
			recordFailure(letter, ex);
			return false;
		}
	}

	private void recordFailure(Letter letter, SendFailedException failure) {
		this.failureMayBeStored = true;
		FailedMessageStatus stored = failure.isRetriable() ? FailedMessageStatus.PENDING : FailedMessageStatus.FAILED;
		this.failures.recordFailure(letter, this.properties.topic(), this.json.writeValueAsString(letter), stored,
				failure.reason(), failure.exceptionClass());
		if (failure.isRetriable()) {
			setStatus(SenderStatus.State.RETRYING, letter.messageId(), failure.reason());
			logger.warn("Stored messageId={} as PENDING; sending it again (fatal=false): {}", letter.messageId(),
					failure.reason());
			this.missingTopics.createIfMissing(failure);
			return;
		}
		setStatus(SenderStatus.State.STOPPED, letter.messageId(), failure.reason());
		logger.error("Stored messageId={} as FAILED and stopped the sender (fatal=true): {}. Fix the cause, then"
				+ " replay or discard it at /api/failed-messages", letter.messageId(), failure.reason());
		if (this.properties.sender().exitOnPermanentFailure()) {
			this.exit.exit(failure.reason());
		}
	}

	/**
	 * Called once a letter was delivered or discarded outside the sender: if it is the
	 * letter the sender stopped at, the sender moves past it and carries on.
	 * @param letter the letter an operator resolved
	 */
	public synchronized void resolved(Letter letter) {
		if (this.position != null && this.position.isAt(letter)) {
			advance();
			setStatus(SenderStatus.State.RUNNING, null, null);
			logger.info("Sender resumes after messageId={} at sequenceId={} index={}", letter.messageId(),
					this.position.sequenceId(), this.position.nextIndex());
		}
	}

	private void advance() {
		Position next = this.position.next();
		this.progress.save(this.properties.sender().id(), next);
		this.position = next;
	}

	private void setStatus(SenderStatus.State state, String messageId, String reason) {
		Position current = this.position;
		this.status = new SenderStatus(state, current.sequenceId(), current.nextIndex(), messageId, reason);
	}

}
