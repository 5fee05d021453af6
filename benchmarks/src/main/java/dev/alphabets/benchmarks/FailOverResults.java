package dev.alphabets.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns one fail-over repetition into numbers: each side's stall and losses, from the
 * topics, the commit watcher and each sender's acknowledged count, after both senders
 * stopped.
 */
final class FailOverResults {

	/**
	 * What one sender left behind.
	 *
	 * @param sender its name
	 * @param appended every record of its topic, read after it stopped
	 * @param readable when each record became readable, from the commit watcher
	 */
	record Side(String sender, List<TopicReader.Appended> appended, List<CommitWatcher.Readable> readable) {
	}

	private final Results results;

	private final int repetition;

	private final Kill kill;

	FailOverResults(Results results, int repetition, Kill kill) {
		this.results = results;
		this.repetition = repetition;
		this.kill = kill;
	}

	/**
	 * Adds the repetition's metrics, and writes each record's append and readable time
	 * relative to the kill to {@code failover-<repetition>-records.csv}, to look at the
	 * stall itself.
	 * @param logs the run's log directory
	 * @param service the producer-service's side
	 * @param pp ProducerPerformance's side
	 */
	void add(Path logs, Side service, Side pp) {
		Gap serviceStall = around(service);
		Gap ppStall = around(pp);
		Set<String> stored = service.appended()
			.stream()
			.map(TopicReader.Appended::messageId)
			.collect(Collectors.toSet());
		if (this.kill.serviceAcknowledged() == 0) {
			this.results.note("Fail-over " + this.repetition + ": the service exposes no"
					+ " alphabet_messages_acknowledged_total; lost letters are counted by the gaps in its rounds only.");
		}
		add("service.stall", "producer-service: longest gap between records becoming readable", "ms",
				serviceStall.millis());
		add("service.max-latency", "producer-service: longest send to acknowledgement", "ms",
				this.kill.serviceMaxLatency());
		// Like ProducerPerformance's, by count: every letter has its own message id, so
		// the distinct ids in the topic are the letters delivered (a letter sent again
		// with the same id counts once).
		add("service.lost", "producer-service: acknowledged letters (its counter) not in the topic", "letters",
				Math.max(0, this.kill.serviceAcknowledged() - stored.size()));
		add("service.gaps", "producer-service: letters missing inside what its topic holds", "letters",
				RoundGaps.count(service.appended()));
		add("service.rate", "producer-service: letters/s before the kill (ProducerPerformance's --throughput)",
				"records/s", this.kill.rate());
		add("pp.stall", "ProducerPerformance: longest gap between records becoming readable", "ms", ppStall.millis());
		add("pp.max-latency", "ProducerPerformance: its max latency (send to acknowledgement)", "ms",
				this.kill.pp().maxLatency());
		// Its records carry no id: counts only. With no send errors and idempotence, the
		// topic holds exactly the acknowledged records unless some were lost.
		add("pp.lost", "ProducerPerformance: acknowledged records not in the topic", "records",
				Math.max(0, this.kill.pp().acknowledged() - pp.appended().size()));
		add("pp.failed", "ProducerPerformance: records not acknowledged (send errors)", "records",
				this.kill.ppRecords() - this.kill.pp().acknowledged());
		add("stall-over-pp", "stall of producer-service minus that of ProducerPerformance", "ms",
				serviceStall.millis() - ppStall.millis());
		writeCsv(logs.resolve("failover-" + this.repetition + "-records.csv"), service, pp);
		if (this.repetition == 1) {
			this.results.note("Fail-over: client settings of both senders, as the service's client logged them: "
					+ ClientSettings.describe(this.kill.clientSettings()) + ".");
		}
		this.results.note(String.format(Locale.ROOT,
				"Fail-over %d: kill -9 of node %d, leader of partition %d; nothing became readable from %d to %d ms"
						+ " after the kill for producer-service, from %d to %d ms for ProducerPerformance.",
				this.repetition, this.kill.node(), this.kill.partition(), relative(serviceStall.from()),
				relative(serviceStall.to()), relative(ppStall.from()), relative(ppStall.to())));
	}

	/**
	 * The side's stall, after checking that it had records readable before and after the
	 * kill: a stall measured elsewhere says nothing about the fail-over.
	 */
	private Gap around(Side side) {
		List<Long> times = side.readable().stream().map(CommitWatcher.Readable::epochMillis).toList();
		if (times.stream().noneMatch((time) -> time < this.kill.epochMillis())
				|| times.stream().noneMatch((time) -> time > this.kill.epochMillis())) {
			throw new IllegalStateException(side.sender() + " did not write both before and after the kill");
		}
		return Gap.longest(times);
	}

	private void writeCsv(Path file, Side... sides) {
		StringBuilder csv = new StringBuilder("sender,partition,offset,appended_ms,readable_ms\n");
		for (Side side : sides) {
			Map<String, Long> readable = side.readable()
				.stream()
				.collect(Collectors.toMap((record) -> record.partition() + "/" + record.offset(),
						CommitWatcher.Readable::epochMillis, Math::min));
			for (TopicReader.Appended record : side.appended()) {
				csv.append(String.format(Locale.ROOT, "%s,%d,%d,%d,%d%n", side.sender(), record.partition(),
						record.offset(), relative(record.timestamp()),
						relative(readable.getOrDefault(record.partition() + "/" + record.offset(), 0L))));
			}
		}
		try {
			Files.writeString(file, csv);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private long relative(long epochMillis) {
		return epochMillis - this.kill.epochMillis();
	}

	private void add(String key, String label, String unit, double value) {
		this.results.add("failover." + key, "Fail-over, " + label, unit, value);
	}

}
