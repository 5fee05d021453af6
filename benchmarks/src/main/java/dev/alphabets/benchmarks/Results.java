package dev.alphabets.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every number of a run, one list of repetitions per metric, plus notes on what could not
 * be measured.
 */
final class Results {

	/**
	 * One metric over the repetitions.
	 *
	 * @param key a stable name for comparing runs
	 * @param label what the report shows
	 * @param unit the unit
	 * @param values one value per repetition
	 */
	record Metric(String key, String label, String unit, List<Double> values) {

		double median() {
			return Stats.median(this.values);
		}

		double min() {
			return this.values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
		}

		double max() {
			return this.values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
		}

	}

	private final Map<String, Metric> metrics = new LinkedHashMap<>();

	private final List<String> notes = new ArrayList<>();

	void add(String key, String label, String unit, double value) {
		this.metrics.computeIfAbsent(key, (k) -> new Metric(key, label, unit, new ArrayList<>())).values().add(value);
	}

	void note(String note) {
		this.notes.add(note);
	}

	Metric metric(String key) {
		return this.metrics.get(key);
	}

	/**
	 * The median of a metric, or NaN if it was not measured.
	 */
	double median(String key) {
		Metric metric = this.metrics.get(key);
		return (metric != null) ? metric.median() : Double.NaN;
	}

	List<Metric> metrics() {
		return List.copyOf(this.metrics.values());
	}

	List<String> notes() {
		return List.copyOf(this.notes);
	}

}
