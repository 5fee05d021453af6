package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When the next letter is due, so that {@code alphabet.sender.interval} is a rate: letter
 * n is due at start + n × interval, however long each send took. A sender that fell
 * behind (a full window, a pause of the JVM) catches up by sending at once, but by at
 * most one window of letters and one second: beyond that the schedule starts again from
 * now, instead of bursting. An interval of one second or more therefore never has two
 * letters due at once: the 2 s default sends one letter, then the next 2 s later, as
 * before.
 */
final class SendSchedule {

	private static final long MOST_BEHIND = Duration.ofSeconds(1).toNanos();

	private final long interval;

	private final long allowance;

	private final LongSupplier clock;

	private long next;

	SendSchedule(Duration interval, int window) {
		this(interval, window, System::nanoTime);
	}

	SendSchedule(Duration interval, int window, LongSupplier nanoClock) {
		this.clock = nanoClock;
		this.interval = interval.toNanos();
		this.allowance = Math.min(MOST_BEHIND, saturatedMultiply(this.interval, window));
		restart();
	}

	/** The next letter is due now: at the start, and after a failure or a stop. */
	void restart() {
		this.next = this.clock.getAsLong();
	}

	/**
	 * How long until the next letter is due.
	 * @return the time left in nanoseconds, zero or less when it is due
	 */
	long untilDue() {
		return (this.interval == 0) ? 0 : this.next - this.clock.getAsLong();
	}

	/** A letter was sent: the next is due one interval after it was. */
	void sent() {
		if (this.interval > 0) {
			this.next = Math.max(this.next + this.interval, this.clock.getAsLong() + this.interval - this.allowance);
		}
	}

	private static long saturatedMultiply(long a, long b) {
		long high = Math.multiplyHigh(a, b);
		long low = a * b;
		return ((high == 0 && low >= 0) || (high == -1 && low < 0)) ? low : Long.MAX_VALUE;
	}

}
