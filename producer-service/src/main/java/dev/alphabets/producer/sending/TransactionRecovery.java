package dev.alphabets.producer.sending;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.ProducerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the exactly-once sender does around its transactions: takes its transactional id
 * and reads the committed position back, tells a fenced producer and the letter at fault
 * from an aborted transaction, and keeps the failed-message store as the at-least-once
 * sender does (the first letter of an aborted transaction PENDING, a permanent error
 * FAILED).
 */
final class TransactionRecovery {

	private static final Logger logger = LoggerFactory.getLogger(TransactionRecovery.class);

	private final ProducerFactory<?, ?> producers;

	private final PositionTopic positions;

	private final SenderProgressRepository progress;

	private final FailureStore failures;

	private final String senderId;

	private final String topic;

	private final String transactionalId;

	private volatile String openEntry;

	private volatile Letter permanentLetter;

	private volatile SendFailedException permanentFailure;

	TransactionRecovery(ProducerFactory<?, ?> producers, PositionTopic positions, SenderProgressRepository progress,
			FailureStore failures, String senderId, String topic, String transactionalId) {
		this.producers = producers;
		this.positions = positions;
		this.progress = progress;
		this.failures = failures;
		this.senderId = senderId;
		this.topic = topic;
		this.transactionalId = transactionalId;
	}

	String transactionalId() {
		return this.transactionalId;
	}

	/**
	 * Starts a new producer with the sender's transactional id (its initialisation fences
	 * any other holder and aborts its open transaction, which would otherwise hold the
	 * position topic's readable end back) and reads the committed position. Without one
	 * it carries on at the current position (nothing committed yet), or starts where the
	 * database-positioned models left off. Letters whose entry an operator closed are
	 * skipped.
	 * @param current the position in memory, {@code null} at start
	 * @return where to send next
	 */
	Position fenceAndReadPosition(Position current) {
		this.producers.reset();
		try (Producer<?, ?> producer = this.producers.createProducer()) {
			logger.debug("Initialised transactional id {}", this.transactionalId);
		}
		Position position = this.positions.read(this.senderId)
			.or(() -> Optional.ofNullable(current))
			.or(() -> this.progress.find(this.senderId))
			.orElseGet(Position::newSequence);
		while (this.failures.isClosed(Letter.messageId(position.sequenceId(), position.nextIndex()))) {
			logger.info("Skipping sequenceId={} index={}: its failed-message entry is already closed",
					position.sequenceId(), position.nextIndex());
			position = position.next();
		}
		this.openEntry = Letter.messageId(position.sequenceId(), position.nextIndex());
		return position;
	}

	/** The letter to store PENDING while the cluster cannot be reached. */
	Letter pendingOrCurrent(Position position) {
		return (position != null) ? Letter.of(position.sequenceId(), position.nextIndex(), Instant.now()) : null;
	}

	void store(Letter letter, boolean permanent, SendFailedException failure) {
		this.openEntry = letter.messageId();
		try {
			this.failures.recordFailure(letter, this.topic, permanent, failure.reason(), failure.exceptionClass());
		}
		catch (RuntimeException ex) {
			logger.error("Could not store messageId={} in the failed-message store", letter.messageId(), ex);
		}
	}

	/** Closes the open entry of a letter the committed transaction held. */
	void committed(List<Letter> letters, List<CompletableFuture<Delivery>> sends) {
		String open = this.openEntry;
		if (open == null) {
			return;
		}
		for (int i = 0; i < letters.size(); i++) {
			if (letters.get(i).messageId().equals(open)) {
				try {
					this.failures.closeDelivered(open, sends.get(i).join());
					this.openEntry = null;
				}
				catch (RuntimeException ex) {
					logger.warn("Could not close the entry of messageId={}; it is closed later", open, ex);
				}
				return;
			}
		}
	}

	void permanentFailureAt(Letter letter, SendFailedException failure) {
		this.permanentLetter = letter;
		this.permanentFailure = failure;
	}

	boolean isPermanentFailureAt(Position position) {
		Letter letter = this.permanentLetter;
		return letter != null && position != null && position.isAt(letter);
	}

	Letter permanentLetter() {
		return this.permanentLetter;
	}

	SendFailedException permanentFailure() {
		return this.permanentFailure;
	}

	/** An operator replayed or discarded the letter the sender stopped at. */
	void resolved(Letter letter) {
		if (this.permanentLetter != null && this.permanentLetter.messageId().equals(letter.messageId())) {
			this.permanentLetter = null;
			this.permanentFailure = null;
		}
		if (letter.messageId().equals(this.openEntry)) {
			this.openEntry = null;
		}
	}

	/**
	 * Whether another producer took the transactional id. A newer producer shows up as a
	 * fenced producer, or, depending on the request that meets it first, as an epoch or
	 * transaction state the coordinator no longer knows: the coordinator's own timeout,
	 * the other way to end a transaction, cannot strike while
	 * {@code transaction.timeout.ms} outlasts the longest a transaction can stay open
	 * (see application.yml). Taking the id back would fence the other instance in turn,
	 * and both would go on fencing each other.
	 */
	static boolean isFenced(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException
					|| cause instanceof InvalidTxnStateException) {
				return true;
			}
		}
		return false;
	}

	/** The error of the first send that failed for a reason of its own, not the abort. */
	static SendFailedException firstFailure(RuntimeException failure, List<CompletableFuture<Delivery>> sends) {
		int at = failedIndex(sends);
		return (at >= 0) ? LetterPublisher.failure(errorOf(sends.get(at))) : new SendFailedException(failure);
	}

	static Letter failedLetter(List<Letter> letters, List<CompletableFuture<Delivery>> sends) {
		int at = failedIndex(sends);
		return letters.get(Math.max(at, 0));
	}

	private static int failedIndex(List<CompletableFuture<Delivery>> sends) {
		for (int i = 0; i < sends.size(); i++) {
			CompletableFuture<Delivery> send = sends.get(i);
			if (send.isCompletedExceptionally()) {
				Throwable cause = LetterPublisher.failure(errorOf(send)).getCause();
				if (!(cause instanceof TransactionAbortedException) && !SendErrors.isAbort(cause)) {
					return i;
				}
			}
		}
		return -1;
	}

	private static Throwable errorOf(CompletableFuture<Delivery> send) {
		return send.handle((delivery, error) -> error).getNow(null);
	}

	/** Runs the action once the caller's transaction committed, or now without one. */
	static void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

}
