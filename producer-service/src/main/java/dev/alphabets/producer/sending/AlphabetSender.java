package dev.alphabets.producer.sending;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * only once the broker acknowledged the current one, so it never skips or reorders a
 * letter.
 */
@Component
public class AlphabetSender implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(AlphabetSender.class);

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
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> new Thread(task, "alphabet-sender"));
		this.executor.scheduleWithFixedDelay(this::tick, 0, this.properties.sender().interval().toMillis(),
				TimeUnit.MILLISECONDS);
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

	private void tick() {
		try {
			sendNext();
		}
		catch (RuntimeException ex) {
			// A database error after the acknowledgement: the same letter goes again,
			// with the same message id, on the next tick.
			logger.error("Sender step failed at sequenceId={} index={}; retrying the same letter",
					this.position.sequenceId(), this.position.nextIndex(), ex);
		}
	}

	private synchronized void sendNext() {
		if (this.status.state() == SenderStatus.State.STOPPED) {
			return;
		}
		Letter letter = Letter.of(this.position.sequenceId(), this.position.nextIndex(), this.clock.instant());
		try {
			Delivery delivery = this.publisher.send(letter);
			this.transactions.executeWithoutResult((tx) -> {
				this.failures.markDelivered(letter.messageId(), delivery, "sender", "DELIVERED");
				advance();
			});
			setStatus(SenderStatus.State.RUNNING, null, null);
		}
		catch (SendFailedException ex) {
			if (this.executor == null) {
				logger.info("Shutting down with messageId={} unacknowledged; it is sent again after a restart",
						letter.messageId());
				return;
			}
			recordFailure(letter, ex);
		}
	}

	private void recordFailure(Letter letter, SendFailedException failure) {
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
