package dev.alphabets.benchmarks;

import java.util.Arrays;
import java.util.List;

/**
 * Order statistics over a handful of repetitions or many latency samples.
 */
final class Stats {

	private Stats() {
	}

	static double median(List<Double> values) {
		return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 50);
	}

	/**
	 * The nearest-rank percentile.
	 * @param values the samples, in any order (sorted in place)
	 * @param percent 0 to 100
	 * @return the sample at that rank, or NaN for no samples
	 */
	static double percentile(double[] values, double percent) {
		if (values.length == 0) {
			return Double.NaN;
		}
		Arrays.sort(values);
		if (percent == 50 && values.length % 2 == 0) {
			return (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
		}
		int rank = (int) Math.ceil(percent / 100 * values.length);
		return values[Math.max(0, Math.min(values.length - 1, rank - 1))];
	}

}
