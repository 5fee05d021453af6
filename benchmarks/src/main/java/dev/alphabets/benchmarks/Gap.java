package dev.alphabets.benchmarks;

import java.util.Collection;

/**
 * The longest time between two consecutive events, such as appends or acknowledgements:
 * how long a sender stood still.
 *
 * @param from the epoch milliseconds of the event before the gap
 * @param to the epoch milliseconds of the event after it
 */
record Gap(long from, long to) {

	static Gap longest(Collection<Long> epochMillis) {
		long[] times = epochMillis.stream().mapToLong(Long::longValue).sorted().toArray();
		Gap longest = new Gap(0, 0);
		for (int i = 1; i < times.length; i++) {
			if (times[i] - times[i - 1] > longest.millis()) {
				longest = new Gap(times[i - 1], times[i]);
			}
		}
		return longest;
	}

	long millis() {
		return this.to - this.from;
	}

}
