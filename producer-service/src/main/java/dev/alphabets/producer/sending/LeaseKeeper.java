package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the sender lease and keeps renewing it (every third of its time to live). Once it
 * holds the lease it starts the sending; if it cannot renew it before the lease would
 * expire, it stops the sending and stands by (a standby, or this process once it can
 * reach its database again, takes over at the stored watermark).
 */
final class LeaseKeeper implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(LeaseKeeper.class);

	private final SenderLease lease;

	private final Runnable acquired;

	private final Runnable lost;

	private volatile boolean running = true;

	LeaseKeeper(SenderLease lease, Runnable acquired, Runnable lost) {
		this.lease = lease;
		this.acquired = acquired;
		this.lost = lost;
	}

	void stop() {
		this.running = false;
	}

	@Override
	public void run() {
		Duration ttl = this.lease.ttl();
		long renewedAt = 0;
		boolean holding = false;
		boolean toldStandby = false;
		while (this.running) {
			boolean held;
			try {
				held = this.lease.acquireOrRenew();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not take or renew the sender lease: {}", ex.getMessage());
				held = false;
			}
			if (held) {
				renewedAt = System.nanoTime();
				if (!holding) {
					holding = true;
					logger.info("Holding the sender lease as {}", this.lease.holder());
					this.acquired.run();
				}
			}
			else if (holding && System.nanoTime() - renewedAt > ttl.toNanos() * 2 / 3) {
				// Stop before the lease can expire, so that a standby never sends beside
				// this process; then stand by to take it again from the stored position.
				logger.error("Lost the sender lease (not renewed within {}): stopped sending; standing by to take"
						+ " it again", ttl);
				this.lost.run();
				holding = false;
				toldStandby = true;
			}
			else if (!holding && !toldStandby) {
				toldStandby = true;
				logger.info("Standing by: another process holds the sender lease");
			}
			try {
				TimeUnit.NANOSECONDS.sleep(ttl.toNanos() / 3);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
