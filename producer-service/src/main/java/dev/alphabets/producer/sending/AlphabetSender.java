package dev.alphabets.producer.sending;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends A to Z, round after round, with up to {@code max-in-flight} letters in flight.
 * This class is the loop and its lifecycle; the {@link InFlightWindow} keeps the window
 * and the watermark, the {@link WatermarkCommitter} stores the watermark, and the
 * {@link FailurePolicy} decides where to resume after a failed send.
 */
public class AlphabetSender implements SenderControl {

	private static final Logger logger = LoggerFactory.getLogger(AlphabetSender.class);

	/**
	 * The least pause after a failure. A short interval must not turn an outage into a
	 * stream of attempts.
	 */
	static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);

	private final SenderParts parts;

	private final Clock clock = Clock.systemUTC();

	private final Object signal = new Object();

	private volatile Thread loop;

	private volatile Thread leaseThread;

	private volatile LeaseKeeper keeper;

	private volatile Thread committer;

	private volatile boolean running;

	private volatile SenderStatus.State state = SenderStatus.State.IDLE;

	private volatile String stoppedAt;

	private volatile String reason;

	AlphabetSender(SenderParts parts) {
		this.parts = parts;
	}

	@Override
	public void start() {
		if (!this.parts.properties().enabled()) {
			logger.info("Sender disabled (alphabet.sender.enabled=false)");
			return;
		}
		this.state = SenderStatus.State.STANDBY;
		this.keeper = new LeaseKeeper(this.parts.lease(), this::startSending, this::leaseLost);
		this.leaseThread = new Thread(this.keeper, "alphabet-lease");
		this.leaseThread.start();
	}

	private void startSending() {
		Position position = this.parts.startPosition();
		this.parts.failurePolicy().warmUp().reset();
		this.parts.window().start(position);
		this.parts.committer().restart();
		this.state = SenderStatus.State.RUNNING;
		logger.info("Sender starting at sequenceId={} index={} every {} with up to {} letters in flight",
				position.sequenceId(), position.nextIndex(), this.parts.properties().interval(),
				this.parts.properties().maxInFlight());
		this.running = true;
		this.committer = new Thread(this.parts.committer()::run, "alphabet-commit");
		this.committer.start();
		Thread sending = new Thread(this::run, "alphabet-sender");
		this.loop = sending;
		sending.start();
	}

	private void leaseLost() {
		stopSending();
		this.state = SenderStatus.State.LEASE_LOST;
	}

	@Override
	public void stop() {
		Thread keeping = this.leaseThread;
		if (keeping == null) {
			return;
		}
		this.keeper.stop();
		keeping.interrupt();
		try {
			keeping.join(TimeUnit.SECONDS.toMillis(10));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		stopSending();
		this.parts.lease().release();
		this.leaseThread = null;
	}

	private void stopSending() {
		Thread sending = this.loop;
		if (sending == null) {
			return;
		}
		this.running = false;
		synchronized (this.signal) {
			this.signal.notifyAll();
		}
		try {
			sending.join(TimeUnit.SECONDS.toMillis(10));
			// Let the letters in flight finish: their acknowledgements move the stored
			// position on, so a clean restart sends nothing twice.
			if (!this.parts.window().awaitDrained(Duration.ofSeconds(10))) {
				logger.info("Stopping with {} letters unacknowledged; they are sent again after a restart",
						this.parts.window().inFlight());
			}
			this.committer.interrupt();
			this.committer.join(TimeUnit.SECONDS.toMillis(10));
			this.parts.committer().commit();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.loop = null;
	}

	@Override
	public boolean isRunning() {
		return this.leaseThread != null;
	}

	@Override
	public SenderStatus status() {
		SenderStatus.State current = this.state;
		if (current == SenderStatus.State.IDLE || current == SenderStatus.State.STANDBY
				|| current == SenderStatus.State.LEASE_LOST) {
			return new SenderStatus(current, null, 0, null, null);
		}
		String messageId = this.stoppedAt;
		if (current == SenderStatus.State.RETRYING && !this.parts.window().hasOpenEntry(messageId)) {
			current = SenderStatus.State.RUNNING;
		}
		Position watermark = this.parts.window().watermark().position();
		return (current == SenderStatus.State.RUNNING)
				? new SenderStatus(current, watermark.sequenceId(), watermark.nextIndex(), null, null)
				: new SenderStatus(current, watermark.sequenceId(), watermark.nextIndex(), messageId, this.reason);
	}

	private void run() {
		SendSchedule schedule = new SendSchedule(this.parts.properties().interval(),
				this.parts.properties().maxInFlight());
		try {
			this.parts.failurePolicy().awaitLeaders(this::pause);
			while (this.running) {
				long untilDue;
				if (this.state == SenderStatus.State.STOPPED) {
					pause(Duration.ofSeconds(1));
					schedule.restart();
				}
				else if (this.parts.window().isFailing()) {
					recover();
					schedule.restart();
				}
				else if (!this.parts.committer().isHealthy()) {
					pause(PAUSE_AFTER_FAILURE);
					schedule.restart();
				}
				else if ((untilDue = schedule.untilDue()) > 0) {
					pause(Duration.ofNanos(untilDue));
				}
				else if (this.parts.window().acquire(Duration.ofMillis(100))) {
					sendNext();
					schedule.sent();
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void sendNext() throws InterruptedException {
		InFlightWindow.Slot slot = this.parts.window().next(this.clock.instant());
		PartitionWarmUp warmUp = this.parts.failurePolicy().warmUp();
		boolean alone = warmUp.isCold(slot.letter.sequenceId());
		int generation = warmUp.generation();
		this.parts.publisher().send(slot.letter, new LetterPublisher.Completion() {

			@Override
			public void delivered(Delivery delivery) {
				warmUp.acknowledged(delivery.partition(), generation);
				AlphabetSender.this.parts.window().acknowledged(slot, delivery);
			}

			@Override
			public void failed(SendFailedException failure) {
				AlphabetSender.this.parts.failurePolicy().failed(slot, failure);
			}

		});
		// The first letter of a partition for this producer goes alone (see
		// PartitionWarmUp); the letters after it are pipelined.
		boolean completed = !alone;
		while (!completed && this.running) {
			completed = this.parts.window().awaitCompleted(slot, Duration.ofSeconds(1));
		}
	}

	private void recover() throws InterruptedException {
		FailurePolicy.Outcome outcome = this.parts.failurePolicy()
			.recover(() -> this.running, () -> pause(PAUSE_AFTER_FAILURE), (letter, why) -> {
				this.stoppedAt = letter.messageId();
				this.reason = why;
				this.state = SenderStatus.State.RETRYING;
			});
		if (outcome == null) {
			return;
		}
		if (outcome.failure() == null) {
			this.state = SenderStatus.State.RUNNING;
		}
		else if (outcome.permanent()) {
			stopAt(outcome.resumeAt(), outcome.failure());
			return;
		}
		else {
			this.stoppedAt = outcome.resumeAt().messageId();
			this.reason = outcome.failure().reason();
			this.state = SenderStatus.State.RETRYING;
			logger.warn("Stored messageId={} as PENDING; sending it again (fatal=false): {}",
					outcome.resumeAt().messageId(), outcome.failure().reason());
		}
		pause(PAUSE_AFTER_FAILURE);
	}

	private void stopAt(Letter letter, SendFailedException failure) {
		this.stoppedAt = letter.messageId();
		this.reason = failure.reason();
		this.state = SenderStatus.State.STOPPED;
		logger.error("Stored messageId={} as FAILED and stopped the sender (fatal=true): {}. Fix the cause, then"
				+ " replay or discard it at /api/failed-messages", letter.messageId(), failure.reason());
		if (this.parts.properties().exitOnPermanentFailure()) {
			this.parts.exit().exit(failure.reason());
		}
	}

	/** Waits, or returns early when the sender stops or is resumed. */
	private boolean pause(Duration duration) throws InterruptedException {
		synchronized (this.signal) {
			if (this.running) {
				TimeUnit.NANOSECONDS.timedWait(this.signal, duration.toNanos());
			}
		}
		return this.running;
	}

	/**
	 * Moves the stored position past the letter the sender stopped at, if it is that
	 * letter, inside the caller's transaction: an operator's discard or replay and the
	 * move commit together. The sender carries on once the transaction committed.
	 * @param letter the letter an operator resolved
	 * @return whether the sender had stopped at it
	 */
	@Override
	public boolean moveOnFrom(Letter letter) {
		if (this.state != SenderStatus.State.STOPPED || !letter.messageId().equals(this.stoppedAt)) {
			return false;
		}
		Position next = this.parts.window().positionAfter(letter);
		this.parts.lease().assertHeld();
		this.parts.progress().save(this.parts.properties().id(), next);
		this.parts.afterCommit(() -> resumeAfter(letter, next));
		return true;
	}

	private void resumeAfter(Letter letter, Position next) {
		this.parts.window().skip(letter, next);
		this.stoppedAt = null;
		this.reason = null;
		this.state = SenderStatus.State.RUNNING;
		synchronized (this.signal) {
			this.signal.notifyAll();
		}
		logger.info("Sender resumes after messageId={} at sequenceId={} index={}", letter.messageId(),
				next.sequenceId(), next.nextIndex());
	}

}
