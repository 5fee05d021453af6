package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.alphabets.testsupport.ManagedProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fail-over on three brokers: the producer-service and ProducerPerformance send at the
 * same fixed rate, each to its own topic, while the node that leads the partition the
 * service is writing (the same partition number of both topics) is killed with
 * {@code kill -9} (see {@link Victim}). Both run at once, so one kill hits both: the
 * stall depends on when the controller fences the dead node and when each client retries,
 * and two separate kills would compare two different faults.
 * <p>
 * The stall is the longest gap between records becoming readable, as one
 * {@link CommitWatcher} sees them for both topics: an {@code acks=all} send is
 * acknowledged when its record becomes readable, so these are acknowledgement gaps,
 * measured alike for a sender that waits for each acknowledgement and one that pipelines.
 * Append times (LogAppendTime) are not: ProducerPerformance keeps appending to partitions
 * with free in-flight slots while nothing is acknowledged. Both sides' maximum send
 * latency is reported next to it. ProducerPerformance gets the client settings the
 * service's client logged. Nothing here reads the service's own log lines of letters, so
 * it measures a serial and a pipelined sender alike.
 */
final class FailOverBenchmark {

	private static final Logger logger = LoggerFactory.getLogger(FailOverBenchmark.class);

	/**
	 * ProducerPerformance paces its records from its own start, so it gets this many
	 * seconds' worth more for its JVM start and first metadata fetch: it must still be
	 * sending for the set time after the kill.
	 */
	private static final int START_ALLOWANCE_SECONDS = 10;

	private final Settings settings;

	private final Cluster cluster;

	private final PerfTools tools;

	private final Results results;

	FailOverBenchmark(Settings settings, Cluster cluster, PerfTools tools, Results results) {
		this.settings = settings;
		this.cluster = cluster;
		this.tools = tools;
		this.results = results;
	}

	void run(int repetition) {
		// A node killed by the previous repetition rejoins first: each one starts with
		// three in-sync replicas.
		this.cluster.heal();
		if (!this.settings.producerArgs().isEmpty() && repetition == 1) {
			this.results.note("Fail-over: producer-service ran with " + String.join(" ", this.settings.producerArgs()));
		}
		String serviceTopic = "failover-service-" + repetition;
		String ppTopic = "failover-pp-" + repetition;
		this.cluster.createTopic(serviceTopic);
		this.cluster.createTopic(ppTopic);
		Path log = this.settings.logs().resolve(serviceTopic + ".log");
		String servers = this.cluster.bootstrapServers();
		try (CommitWatcher watcher = new CommitWatcher(servers, List.of(serviceTopic, ppTopic))) {
			Kill kill;
			try (Service producer = Service.startReady(this.settings, "producer-service", log,
					serviceArguments(serviceTopic))) {
				kill = failOver(producer, watcher, log, serviceTopic, ppTopic);
			}
			List<TopicReader.Appended> letters = TopicReader.readAll(servers, serviceTopic);
			List<TopicReader.Appended> records = TopicReader.readAll(servers, ppTopic);
			Poll.until("the commit watcher to read both topics", Duration.ofSeconds(60), Duration.ofMillis(50),
					() -> watcher.readable(serviceTopic).size() >= letters.size()
							&& watcher.readable(ppTopic).size() >= records.size());
			new FailOverResults(this.results, repetition, kill).add(this.settings.logs(),
					new FailOverResults.Side("producer-service", letters, watcher.readable(serviceTopic)),
					new FailOverResults.Side("ProducerPerformance", records, watcher.readable(ppTopic)));
		}
	}

	private Kill failOver(Service producer, CommitWatcher watcher, Path log, String serviceTopic, String ppTopic) {
		int warmUp = this.settings.failOverWarmUpSeconds();
		int after = this.settings.failOverSeconds();
		// The rate over the second half of the warm-up, counted from the first round: the
		// first send waits for metadata and a producer id, the first seconds for the JIT.
		Poll.until("the service's first round", Duration.ofSeconds(60), Duration.ofMillis(20),
				() -> acknowledged(serviceTopic) >= 26);
		waitFor("the service's warm-up", System.nanoTime(), warmUp / 2.0);
		double before = acknowledged(serviceTopic);
		long start = System.nanoTime();
		waitFor("the service's warm-up", start, warmUp / 2.0);
		long rate = Math.max(1,
				Math.round((acknowledged(serviceTopic) - before) / ((System.nanoTime() - start) / 1e9)));
		long records = rate * (START_ALLOWANCE_SECONDS + warmUp + after);
		Map<String, String> clientSettings = ClientSettings.fromServiceLog(producer.output(), log.toString());
		try (ManagedProcess pp = this.tools.startProducerPerformance(ppTopic, ppTopic, records, rate,
				ProduceBenchmark.payloadFile(this.settings),
				ClientSettings.forClient(clientSettings, this.cluster.bootstrapServers()))) {
			Poll.until("ProducerPerformance's first record", Duration.ofSeconds(120), Duration.ofMillis(20),
					() -> this.cluster.topics().endOffsets(ppTopic) > 0);
			waitFor("ProducerPerformance's warm-up", System.nanoTime(), warmUp);
			Victim victim = Victim.choose(watcher, serviceTopic, this.cluster.topics());
			int node = victim.node();
			if (!pp.isAlive()) {
				throw new IllegalStateException("ProducerPerformance ended before the kill, see " + pp.log());
			}
			long killedAt = System.currentTimeMillis();
			long killed = System.nanoTime();
			this.cluster.kill(node);
			logger.info("kill -9 node {}, leader of partition {}; both sending at {}/s", node, victim.partition(),
					rate);
			double[] fenced = { -1 };
			// At least the set time, and on until both senders are past the stall: the
			// service with a second's letters after the dead node left every ISR,
			// ProducerPerformance with every record acknowledged.
			Poll.until("both senders past the fail-over", Duration.ofSeconds(after + 300), Duration.ofMillis(100),
					() -> {
						if (fenced[0] < 0 && this.cluster.topics().fencedOut(serviceTopic, node)) {
							fenced[0] = acknowledged(serviceTopic);
						}
						return fenced[0] >= 0 && acknowledged(serviceTopic) >= fenced[0] + rate && !pp.isAlive()
								&& System.nanoTime() - killed >= Duration.ofSeconds(after).toNanos();
					});
			PerfTools.Sent sent = PerfTools.sent(pp.awaitOutput(60));
			return new Kill(node, victim.partition(), killedAt, rate, records, sent, clientSettings,
					producer.metric("alphabet_messages_acknowledged_total", ""),
					producer.metric("alphabet_send_seconds_max", "outcome=\"acknowledged\"") * 1000);
		}
	}

	private List<String> serviceArguments(String topic) {
		List<String> arguments = new ArrayList<>(ProducerServiceArgs.of(this.settings, this.cluster.bootstrapServers(),
				topic, this.settings.failOverIntervalMillis() + "ms", this.settings.work().resolve(topic)));
		arguments.addAll(List.of("--alphabet.replication-factor=3", "--alphabet.min-insync-replicas=2"));
		// A tuning experiment replaces the baseline here: one kill serves both sides.
		arguments.addAll(this.settings.producerArgs());
		return arguments;
	}

	/**
	 * Lets the senders run for a set time: a fixed period is what is wanted here, not a
	 * condition.
	 */
	private static void waitFor(String what, long fromNanos, double seconds) {
		long nanos = (long) (seconds * 1e9);
		Poll.until(what, Duration.ofNanos(nanos).plusSeconds(30), Duration.ofMillis(20),
				() -> System.nanoTime() - fromNanos >= nanos);
	}

	/**
	 * The service's records in its topic: read from the cluster, not from the service,
	 * and the same for any sender.
	 */
	private double acknowledged(String topic) {
		return this.cluster.topics().endOffsets(topic);
	}

}
