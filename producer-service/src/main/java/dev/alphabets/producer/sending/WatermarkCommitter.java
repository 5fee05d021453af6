package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: stores the watermark once {@code commit-every} letters passed it or
 * {@code commit-interval} elapsed, whichever comes first, in one transaction with the
 * closing of the failed-message entries of the letters it passed.
 */
final class WatermarkCommitter {

	private static final Logger logger = LoggerFactory.getLogger(WatermarkCommitter.class);

	private final InFlightWindow window;

	private final SenderProgressRepository progress;

	private final FailureStore failures;

	private final TransactionTemplate transactions;

	private final SenderLease lease;

	private final String senderId;

	private final int every;

	private final Duration interval;

	private final boolean infoPerCommit;

	private final Timer commitTimer;

	private final DistributionSummary commitSize;

	private final AtomicLong committedOrdinal = new AtomicLong();

	private volatile long lastCommitNanos = System.nanoTime();

	private volatile boolean healthy = true;

	WatermarkCommitter(InFlightWindow window, SenderProgressRepository progress, FailureStore failures,
			TransactionTemplate transactions, SenderLease lease, String senderId, int every, Duration interval,
			boolean infoPerCommit, MeterRegistry meters) {
		this.window = window;
		this.progress = progress;
		this.failures = failures;
		this.transactions = transactions;
		this.lease = lease;
		this.senderId = senderId;
		this.every = every;
		this.interval = interval;
		this.infoPerCommit = infoPerCommit;
		this.commitTimer = Timer.builder("alphabet.sender.commit")
			.description("Time of one group commit of the watermark")
			.register(meters);
		this.commitSize = DistributionSummary.builder("alphabet.sender.commit.size")
			.description("Letters one group commit moved the stored position by")
			.register(meters);
	}

	/**
	 * Whether the last commit succeeded; the sender sends nothing new while it did not.
	 */
	boolean isHealthy() {
		return this.healthy;
	}

	/**
	 * Starts counting from the window's current watermark, which was just set from the
	 * stored position.
	 */
	void restart() {
		this.committedOrdinal.set(this.window.watermark().ordinal());
		this.lastCommitNanos = System.nanoTime();
		this.healthy = true;
	}

	/** Whether a commit is due now. */
	boolean isDue() {
		long pending = this.window.watermark().ordinal() - this.committedOrdinal.get();
		return pending >= this.every
				|| (pending > 0 && System.nanoTime() - this.lastCommitNanos >= this.interval.toNanos())
				|| !this.healthy;
	}

	/** Runs until interrupted, committing whenever one is due. */
	void run() {
		long tick = Math.max(1, Math.min(this.interval.toMillis(), 10));
		while (!Thread.currentThread().isInterrupted()) {
			try {
				if (isDue()) {
					commit();
				}
				TimeUnit.MILLISECONDS.sleep(this.healthy ? tick : AlphabetSender.PAUSE_AFTER_FAILURE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Stores the watermark now, if it moved.
	 * @return whether the stored position is the watermark
	 */
	synchronized boolean commit() {
		InFlightWindow.Watermark watermark = this.window.watermark();
		long size = watermark.ordinal() - this.committedOrdinal.get();
		List<InFlightWindow.Acknowledged> entries = this.window.takeEntriesToClose(watermark.ordinal());
		if (size <= 0 && entries.isEmpty() && this.healthy) {
			return true;
		}
		long start = System.nanoTime();
		try {
			this.transactions.executeWithoutResult((tx) -> {
				// A process that lost the lease cannot move the position.
				this.lease.assertHeld();
				entries.forEach((entry) -> this.failures.closeDelivered(entry.messageId(), entry.delivery()));
				this.progress.save(this.senderId, watermark.position());
			});
		}
		catch (RuntimeException ex) {
			this.window.returnEntriesToClose(entries);
			this.healthy = false;
			logger.error("Could not store the position sequenceId={} index={}; the sender waits and tries again",
					watermark.position().sequenceId(), watermark.position().nextIndex(), ex);
			return false;
		}
		this.commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		this.commitSize.record(Math.max(0, size));
		this.committedOrdinal.set(watermark.ordinal());
		this.lastCommitNanos = System.nanoTime();
		if (!this.healthy) {
			logger.info("Stored the position again after a database error");
		}
		this.healthy = true;
		if (this.infoPerCommit) {
			logger.info("Committed {} letters: next sequenceId={} index={} ({} acknowledged past it)", size,
					watermark.position().sequenceId(), watermark.position().nextIndex(), watermark.behind());
		}
		else {
			logger.debug("Committed {} letters: next sequenceId={} index={}", size, watermark.position().sequenceId(),
					watermark.position().nextIndex());
		}
		return true;
	}

	/**
	 * How far the stored position is behind the last acknowledged letter: the letters a
	 * crash now would send again.
	 */
	long storedBehind() {
		InFlightWindow.Watermark watermark = this.window.watermark();
		return Math.max(0, watermark.ordinal() - this.committedOrdinal.get()) + watermark.behind();
	}

	/** Restarts the count after the window was rewound to a stored position. */
	void rewoundTo(long ordinal) {
		this.committedOrdinal.set(Math.min(this.committedOrdinal.get(), ordinal));
	}

}
