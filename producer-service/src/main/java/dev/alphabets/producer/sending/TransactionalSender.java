package dev.alphabets.producer.sending;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.alphabets.producer.AlphabetProperties;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Exactly once ({@code alphabet.delivery=exactly-once}): each Kafka transaction holds up
 * to {@code transaction-size} letters, or what {@code transaction-interval} allows, and
 * the position after them in the position topic. After any failure, and at start, the
 * sender takes its transactional id again (fencing a former holder and aborting its open
 * transaction) and reads the committed position back, so it resumes exactly after the
 * last committed letter, even when a commit whose answer was lost did commit.
 */
final class TransactionalSender extends LeasedSender {

	private static final Logger logger = LoggerFactory.getLogger(TransactionalSender.class);

	private final KafkaTemplate<Object, Object> template;

	private final LetterPublisher publisher;

	private final PositionTopic positions;

	private final TransactionRecovery recovery;

	private final FailureStore failures;

	private final String topic;

	private final Clock clock = Clock.systemUTC();

	private final Counter committed;

	private final Counter aborted;

	private final DistributionSummary size;

	private volatile Position position;

	private volatile boolean recovered;

	private volatile Letter stoppedAt;

	private volatile String reason;

	TransactionalSender(AlphabetProperties properties, SenderLease lease, KafkaTemplate<Object, Object> template,
			LetterPublisher publisher, PositionTopic positions, TransactionRecovery recovery, FailureStore failures,
			MeterRegistry meters) {
		super(properties.sender(), lease);
		this.template = template;
		this.publisher = publisher;
		this.positions = positions;
		this.recovery = recovery;
		this.failures = failures;
		this.topic = properties.topic();
		this.committed = Counter.builder("alphabet.sender.transactions").tag("outcome", "committed").register(meters);
		this.aborted = Counter.builder("alphabet.sender.transactions").tag("outcome", "aborted").register(meters);
		this.size = DistributionSummary.builder("alphabet.sender.transaction.size")
			.description("Letters in one committed transaction")
			.register(meters);
	}

	@Override
	protected void sendWhileRunning() throws InterruptedException {
		this.recovered = false;
		while (isSending()) {
			if (this.state == SenderStatus.State.STOPPED || this.state == SenderStatus.State.FENCED) {
				pause(Duration.ofSeconds(1));
			}
			else if (!this.recovered) {
				recover();
			}
			else if (this.recovery.isPermanentFailureAt(this.position)) {
				stop(this.recovery.permanentFailure());
			}
			else {
				sendTransaction();
			}
		}
	}

	private void recover() throws InterruptedException {
		try {
			this.position = this.recovery.fenceAndReadPosition(this.position);
			this.recovered = true;
			logger.info("Exactly-once sender at sequenceId={} index={} (transactional id {})",
					this.position.sequenceId(), this.position.nextIndex(), this.recovery.transactionalId());
		}
		catch (RuntimeException ex) {
			if (TransactionRecovery.isFenced(ex)) {
				fenced(ex);
				return;
			}
			Letter first = this.recovery.pendingOrCurrent(this.position);
			if (first != null) {
				storePending(first, new SendFailedException(ex));
			}
			logger.warn("Cannot take the transactional id or read {} yet: {}", this.positions.topic(),
					new SendFailedException(ex).reason());
			pause(AlphabetSender.PAUSE_AFTER_FAILURE);
		}
	}

	private void sendTransaction() throws InterruptedException {
		Duration interval = this.properties.interval();
		List<Letter> letters = new ArrayList<>();
		List<CompletableFuture<Delivery>> sends = new ArrayList<>();
		Position[] end = { this.position };
		long opened = System.nanoTime();
		try {
			this.template.executeInTransaction((operations) -> {
				Position next = this.position;
				do {
					Letter letter = Letter.of(next.sequenceId(), next.nextIndex(), this.clock.instant());
					letters.add(letter);
					sends.add(this.publisher.send(letter));
					next = next.next();
				}
				while (letters.size() < this.properties.transactionSize()
						&& System.nanoTime() - opened < this.properties.transactionInterval().toNanos()
						&& !this.recovery.isPermanentFailureAt(next) && interval.isZero() && isSending());
				end[0] = next;
				// Checked by the commit: a failed send fails it.
				return operations.send(this.positions.topic(), this.properties.id(), PositionTopic.value(next));
			});
		}
		catch (RuntimeException ex) {
			this.aborted.increment();
			failed(ex, letters, sends);
			return;
		}
		this.position = end[0];
		this.committed.increment();
		this.size.record(letters.size());
		this.recovery.committed(letters, sends);
		if (this.state == SenderStatus.State.RETRYING) {
			this.state = SenderStatus.State.RUNNING;
			this.reason = null;
		}
		if (interval.isZero()) {
			logger.debug("Committed {} letters: next sequenceId={} index={}", letters.size(),
					this.position.sequenceId(), this.position.nextIndex());
		}
		else {
			logger.info("Committed {} letter(s): next sequenceId={} index={}", letters.size(),
					this.position.sequenceId(), this.position.nextIndex());
			pause(interval);
		}
	}

	private void failed(RuntimeException ex, List<Letter> letters, List<CompletableFuture<Delivery>> sends)
			throws InterruptedException {
		if (TransactionRecovery.isFenced(ex)) {
			fenced(ex);
			return;
		}
		SendFailedException failure = TransactionRecovery.firstFailure(ex, sends);
		this.recovered = false;
		if (!failure.isRetriable() && !letters.isEmpty()) {
			Letter failedLetter = TransactionRecovery.failedLetter(letters, sends);
			logger.warn(
					"Aborted the transaction from sequenceId={} index={}: messageId={} failed permanently ({});"
							+ " committing the letters before it, then stopping there",
					this.position.sequenceId(), this.position.nextIndex(), failedLetter.messageId(), failure.reason());
			this.recovery.permanentFailureAt(failedLetter, failure);
			return;
		}
		if (!letters.isEmpty()) {
			storePending(letters.get(0), failure);
		}
		logger.warn(
				"Aborted the transaction of {} letter(s) from sequenceId={} index={} (fatal=false): {}; sending"
						+ " them again from the committed position",
				letters.size(), this.position.sequenceId(), this.position.nextIndex(), failure.reason());
		pause(AlphabetSender.PAUSE_AFTER_FAILURE);
	}

	private void storePending(Letter letter, SendFailedException failure) {
		this.recovery.store(letter, false, failure);
		this.stoppedAt = letter;
		this.reason = failure.reason();
		this.state = SenderStatus.State.RETRYING;
	}

	private void stop(SendFailedException failure) {
		Letter letter = this.recovery.permanentLetter();
		this.recovery.store(letter, true, failure);
		this.stoppedAt = letter;
		this.reason = failure.reason();
		this.state = SenderStatus.State.STOPPED;
		logger.error("Stored messageId={} as FAILED and stopped the sender (fatal=true): {}. Fix the cause, then"
				+ " replay or discard it at /api/failed-messages", letter.messageId(), failure.reason());
	}

	private void fenced(RuntimeException ex) {
		this.state = SenderStatus.State.FENCED;
		this.reason = new SendFailedException(ex).reason();
		logger.error("Fenced: another producer took the transactional id {}; this sender stopped for good ({})",
				this.recovery.transactionalId(), this.reason);
	}

	@Override
	public SenderStatus status() {
		Position current = this.position;
		SenderStatus.State now = this.state;
		if (current == null) {
			return new SenderStatus(now, null, 0, null, this.reason);
		}
		Letter at = (now == SenderStatus.State.RUNNING) ? null : this.stoppedAt;
		return new SenderStatus(now, current.sequenceId(), current.nextIndex(), (at != null) ? at.messageId() : null,
				(now == SenderStatus.State.RUNNING) ? null : this.reason);
	}

	@Override
	public boolean moveOnFrom(Letter letter) {
		Letter at = this.stoppedAt;
		if (this.state != SenderStatus.State.STOPPED || at == null || !at.messageId().equals(letter.messageId())) {
			return false;
		}
		// The next transaction stores the position past it; until then a restart finds
		// its
		// entry closed and skips it.
		TransactionRecovery.afterCommit(() -> {
			this.recovery.resolved(letter);
			this.position = this.position.next();
			this.stoppedAt = null;
			this.reason = null;
			this.state = SenderStatus.State.RUNNING;
			wakeUp();
		});
		return true;
	}

}
