package dev.alphabets.benchmarks;

import java.time.Duration;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;

/**
 * Waits for conditions with a deadline, never for a fixed time.
 */
final class Poll {

	private Poll() {
	}

	static void until(String what, Duration timeout, Duration interval, Callable<Boolean> condition) {
		await(what).atMost(timeout).pollDelay(Duration.ZERO).pollInterval(interval).ignoreExceptions().until(condition);
	}

}
