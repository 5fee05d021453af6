package dev.alphabets.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The goals of the run's report and how the medians compare to them.
 */
final class Targets {

	/**
	 * A target and how this run compares to it.
	 *
	 * @param name the target
	 * @param ours our value (median)
	 * @param reference Kafka's tool's value (median), or NaN for an absolute target
	 * @param value what is compared: a ratio, or our value
	 * @param goal the target text, or empty for a value shown beside a target
	 * @param met whether it was met, or null if not measured
	 */
	record Target(String name, String ours, String reference, double value, String goal, Boolean met) {

		String status() {
			if (this.goal.isEmpty()) {
				return "";
			}
			return (this.met == null) ? "not measured" : (this.met ? "yes" : "**no**");
		}

	}

	private final Settings settings;

	private final Results results;

	Targets(Settings settings, Results results) {
		this.settings = settings;
		this.results = results;
	}

	List<Target> list() {
		List<Target> targets = new ArrayList<>();
		targets.add(ratio("Produce: service / ProducerPerformance (no key)", "produce.service.records",
				"produce.pp.records", 0.95));
		targets.add(ratio("Produce: service / Kafka client keyed as the service, pipelined", "produce.service.records",
				"produce.keyed.records", 0.95));
		if (this.results.metric("produce.service-baseline.records") != null) {
			targets.add(ratio("Produce, baseline jar: service / ProducerPerformance (no key)",
					"produce.service-baseline.records", "produce.pp.records", 0.95));
		}
		if (this.results.metric("produce.service-eos.records") != null) {
			targets.add(ratio("Produce: exactly-once service / transactional ProducerPerformance",
					"produce.service-eos.records", "produce.pp-eos.records", 0.8));
		}
		if (this.results.metric("produce.service-tuned.records") != null) {
			targets.add(ratio("Produce, tuning experiment: service / ProducerPerformance (no key)",
					"produce.service-tuned.records", "produce.pp.records", 0.95));
		}
		targets.add(
				ratio("Consume on H2: service / ConsumerPerformance", "consume.h2.records", "consume.cp.records", 0.5));
		if (this.results.metric("consume.h2-tuned.records") != null) {
			targets.add(ratio("Consume on H2, tuning experiment: service / ConsumerPerformance",
					"consume.h2-tuned.records", "consume.cp.records", 0.5));
		}
		targets.add(ratio("Consume on PostgreSQL: service / ConsumerPerformance", "consume.pg.records",
				"consume.cp.records", 0.5));
		endToEnd(targets, "e2e", "End to end");
		if (this.results.metric("e2e-tuned.p99") != null) {
			endToEnd(targets, "e2e-tuned", "End to end, tuning experiment");
		}
		targets.add(failOverStall());
		targets.add(atMost("Fail-over: acknowledged letters lost (service)", "failover.service.lost", 0));
		targets.add(atMost("Fail-over: letters missing inside the service's rounds", "failover.service.gaps", 0));
		targets.add(atMost("Fail-over: acknowledged records lost (ProducerPerformance)", "failover.pp.lost", 0));
		targets.add(atMost("producer-service ready (s)", "footprint.producer.ready", 4));
		targets.add(atMost("consumer-service ready (s)", "footprint.consumer.ready", 4));
		targets.add(below("producer-service peak RSS under load (MiB)", "footprint.producer.rss", 400));
		targets.add(below("consumer-service peak RSS under load (MiB)", "footprint.consumer.rss", 400));
		return targets;
	}

	/**
	 * The rate the producer reached beside the pace it was held at, then the latency: a
	 * p99 met at a lower rate than asked does not meet the goal.
	 */
	private void endToEnd(List<Target> targets, String key, String label) {
		double pace = paceLettersPerSecond();
		double rate = this.results.median(key + ".rate");
		targets.add(new Target(label + ": achieved rate (letters/s)", Report.format(rate), "", rate,
				"≥ " + Report.format(0.95 * pace), Double.isNaN(rate) ? null : rate >= 0.95 * pace));
		targets.add(shown(label + " p50 (ms)", key + ".p50"));
		targets.add(atMost(label + " p99 (ms)", key + ".p99", 25));
		targets.add(shown(label + " p99.9 (ms)", key + ".p999"));
	}

	/**
	 * Letters per second at the end-to-end interval, such as 1,000 at {@code 1ms}.
	 */
	private double paceLettersPerSecond() {
		Matcher interval = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s)").matcher(this.settings.endToEndInterval());
		if (!interval.matches() || Double.parseDouble(interval.group(1)) == 0) {
			return Double.NaN;
		}
		double seconds = Double.parseDouble(interval.group(1)) / (interval.group(2).equals("ms") ? 1000 : 1);
		return 1 / seconds;
	}

	private Target ratio(String name, String ours, String reference, double goal) {
		double value = this.results.median(ours) / this.results.median(reference);
		return new Target(name, Report.format(this.results.median(ours)), Report.format(this.results.median(reference)),
				value, "≥ " + goal, Double.isNaN(value) ? null : value >= goal);
	}

	/**
	 * The service's stall over ProducerPerformance's, the median of the per-repetition
	 * differences: both sides went through the same kill.
	 */
	private Target failOverStall() {
		double value = this.results.median("failover.stall-over-pp");
		return new Target("Fail-over stall (ms): service, ProducerPerformance, difference",
				Report.format(this.results.median("failover.service.stall")),
				Report.format(this.results.median("failover.pp.stall")), value, "≤ 500 over the tool",
				Double.isNaN(value) ? null : value <= 500);
	}

	private Target below(String name, String key, double goal) {
		double value = this.results.median(key);
		return new Target(name, Report.format(value), "", value, "< " + Report.format(goal),
				Double.isNaN(value) ? null : value < goal);
	}

	private Target shown(String name, String key) {
		double value = this.results.median(key);
		return new Target(name, Report.format(value), "", value, "", null);
	}

	private Target atMost(String name, String key, double goal) {
		double value = this.results.median(key);
		return new Target(name, Report.format(value), "", value, "≤ " + Report.format(goal),
				Double.isNaN(value) ? null : value <= goal);
	}

}
