package dev.alphabets.consumer.receiving;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Micrometer meters that count what happens to each consumed record.
 */
@Component
class ReceivingMetrics {

	private final Counter consumed;

	private final Counter applied;

	private final Counter duplicates;

	private final Counter appliedAgain;

	private final Counter alreadyApplied;

	private final Counter deadLettered;

	private final Counter outOfOrder;

	private final Counter gaps;

	private final Timer processing;

	private final DistributionSummary batchSize;

	ReceivingMetrics(MeterRegistry registry) {
		this.consumed = counter(registry, "consumed", "Records handed to the listener");
		this.applied = counter(registry, "applied", "Letters stored for the first time");
		this.duplicates = counter(registry, "duplicates", "Redelivered letters that were already stored");
		this.appliedAgain = counter(registry, "applied.again",
				"At-least-once and at-most-once: redelivered letters that were applied again");
		this.alreadyApplied = counter(registry, "already.applied",
				"Redelivered records before the stored position, skipped without a duplicate check");
		this.deadLettered = counter(registry, "dead.lettered", "Records published to the dead-letter topic");
		this.outOfOrder = counter(registry, "out.of.order", "Letters stored after a later letter of their sequence");
		this.gaps = counter(registry, "gaps", "Letters stored while an earlier letter of their sequence is missing");
		this.processing = Timer.builder("alphabet.messages.processing")
			.description("Time to store the letters of one poll in one transaction")
			.register(registry);
		this.batchSize = DistributionSummary.builder("alphabet.messages.batch.size")
			.description("Letters stored per transaction")
			.register(registry);
	}

	private static Counter counter(MeterRegistry registry, String name, String description) {
		return Counter.builder("alphabet.messages." + name).description(description).register(registry);
	}

	void processed(long nanos, int letters) {
		this.processing.record(nanos, TimeUnit.NANOSECONDS);
		this.batchSize.record(letters);
	}

	void consumed(int records) {
		this.consumed.increment(records);
	}

	void outcome(int applied, int duplicates, int alreadyApplied, int appliedAgain) {
		this.applied.increment(applied);
		this.appliedAgain.increment(appliedAgain);
		this.duplicates.increment(duplicates);
		this.alreadyApplied.increment(alreadyApplied);
	}

	void deadLettered() {
		this.deadLettered.increment();
	}

	void outOfOrder() {
		this.outOfOrder.increment();
	}

	void gap() {
		this.gaps.increment();
	}

}
