package dev.alphabets.benchmarks;

import java.time.Duration;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;

/**
 * Waits for conditions with a deadline, never with a bare sleep.
 */
final class Poll {

	private Poll() {
	}

	/**
	 * Polls a condition until it holds; exceptions count as "not yet", except
	 * {@link Abort}.
	 */
	static void until(String what, Duration timeout, Duration interval, Callable<Boolean> condition) {
		await(what).atMost(timeout)
			.pollDelay(Duration.ZERO)
			.pollInterval(interval)
			.ignoreExceptionsMatching((ex) -> !(ex instanceof Abort))
			.until(condition);
	}

	/**
	 * Thrown by a condition that can no longer hold, such as a process that has exited.
	 */
	static final class Abort extends IllegalStateException {

		Abort(String message) {
			super(message);
		}

	}

}
