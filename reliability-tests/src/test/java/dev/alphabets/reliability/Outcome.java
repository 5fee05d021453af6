package dev.alphabets.reliability;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scenario's truth checked against its invariants, reported as one row, and failed on
 * any broken invariant.
 */
final class Outcome {

	private static final Logger logger = LoggerFactory.getLogger(Outcome.class);

	private final Scenario scenario;

	private final Truth truth;

	private Outcome(Scenario scenario, Truth truth) {
		this.scenario = scenario;
		this.truth = truth;
	}

	static Outcome of(Scenario scenario) throws Exception {
		return new Outcome(scenario, Truth.collect(scenario));
	}

	/**
	 * Checks every invariant, adds the scenario's row to the report, then fails on any
	 * broken one.
	 */
	void report() {
		Invariants invariants = new Invariants(this.truth, this.scenario.settings(), this.scenario.pills());
		Invariants.Counts counts = invariants.counts();
		String verdict = invariants.violations().isEmpty() ? "PASS"
				: "FAIL: " + String.join("; ", invariants.violations());
		this.scenario.markReported();
		ReliabilityReport
			.add(new ReliabilityReport.Row(this.scenario.settings(), counts, this.scenario.timeToHeal(), verdict));
		logger.info(
				"{} [{}]: sent={} acknowledged={} stored={} in topic={} applied={} applied twice={} delivered twice={}"
						+ " dead-lettered={} lost={} order breaks={} -> {}",
				this.scenario.name(), this.scenario.settings().models(), counts.sent(), counts.acknowledged(),
				this.truth.stored().size(), this.truth.letters().size(), counts.applied(), counts.appliedTwice(),
				counts.deliveredTwice(), counts.deadLettered(), counts.lost(), counts.orderBreaks(), verdict);
		if (!invariants.violations().isEmpty()) {
			throw new AssertionError(this.scenario.name() + " [" + this.scenario.settings().models() + "]: " + verdict);
		}
	}

}
