package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.alphabets.producer.AlphabetProperties;

/**
 * The lifecycle that the at-most-once and exactly-once senders share: the sender lease
 * (one process per sender id, as for the at-least-once sender), one sending thread while
 * the lease is held, and a pause that a stop cuts short.
 */
abstract class LeasedSender implements SenderControl {

	private static final Logger logger = LoggerFactory.getLogger(LeasedSender.class);

	protected final AlphabetProperties.Sender properties;

	private final SenderLease lease;

	private final Object signal = new Object();

	private volatile Thread leaseThread;

	private volatile LeaseKeeper keeper;

	private volatile Thread loop;

	private volatile boolean running;

	protected volatile SenderStatus.State state = SenderStatus.State.IDLE;

	LeasedSender(AlphabetProperties.Sender properties, SenderLease lease) {
		this.properties = properties;
		this.lease = lease;
	}

	/** Sends until {@link #isSending()} turns false; runs on the sending thread. */
	protected abstract void sendWhileRunning() throws InterruptedException;

	@Override
	public void start() {
		if (!this.properties.enabled()) {
			logger.info("Sender disabled (alphabet.sender.enabled=false)");
			return;
		}
		this.state = SenderStatus.State.STANDBY;
		this.keeper = new LeaseKeeper(this.lease, this::startSending, this::leaseLost);
		this.leaseThread = new Thread(this.keeper, "alphabet-lease");
		this.leaseThread.start();
	}

	private void startSending() {
		this.running = true;
		this.state = SenderStatus.State.RUNNING;
		Thread sending = new Thread(() -> {
			try {
				sendWhileRunning();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "alphabet-sender");
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
		join(keeping);
		stopSending();
		this.lease.release();
		this.leaseThread = null;
	}

	private void stopSending() {
		Thread sending = this.loop;
		if (sending == null) {
			return;
		}
		this.running = false;
		wakeUp();
		join(sending);
		this.loop = null;
	}

	private static void join(Thread thread) {
		try {
			thread.join(TimeUnit.SECONDS.toMillis(30));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.leaseThread != null;
	}

	protected boolean isSending() {
		return this.running;
	}

	protected SenderLease lease() {
		return this.lease;
	}

	/** Waits, or returns early when the sender stops or is woken up. */
	protected boolean pause(Duration duration) throws InterruptedException {
		synchronized (this.signal) {
			if (this.running) {
				TimeUnit.NANOSECONDS.timedWait(this.signal, duration.toNanos());
			}
		}
		return this.running;
	}

	protected void wakeUp() {
		synchronized (this.signal) {
			this.signal.notifyAll();
		}
	}

}
