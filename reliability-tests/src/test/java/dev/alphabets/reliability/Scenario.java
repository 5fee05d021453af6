package dev.alphabets.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.alphabets.reliability.Acknowledgements.Acknowledgement;
import dev.alphabets.testsupport.KafkaCluster;
import dev.alphabets.testsupport.ServiceProcess;
import dev.alphabets.testsupport.TopicRecords;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * One fault-injection scenario on the shared cluster: its settings, its service
 * processes, the waits a fault needs, and the checks once the fault has healed.
 */
final class Scenario implements AutoCloseable {

	/** How long both services may take to be ready again once a fault has ended. */
	/** The consumer's counter of letters applied, summed over its tags. */
	private static final String APPLIED = "alphabet_messages_applied_total";

	static final Duration HEAL_BOUND = Duration.ofSeconds(90);

	/** The longest a drain may take in all. */
	static final Duration DRAIN_BOUND = Duration.ofMinutes(15);

	/** The longest the consumer group's committed offsets may stand still in a drain. */
	static final Duration DRAIN_STALL = Duration.ofSeconds(60);

	/** One A-Z round. */
	static final int ROUND = 26;

	private static final Logger logger = LoggerFactory.getLogger(Scenario.class);

	private final ScenarioSettings settings;

	private final KafkaCluster cluster;

	private final Stores stores;

	private final ScenarioProcesses processes;

	private final Acknowledgements acknowledgements;

	private final List<PoisonPill> pills = new ArrayList<>();

	private Duration timeToHeal;

	private boolean consumerRestarted;

	private boolean reported;

	/** A scenario in the delivery models selected for the whole run. */
	Scenario(int number, String title, KafkaCluster cluster, Database database, Path root) {
		this(number, title, DeliveryModels.selected(), cluster, database, root);
	}

	Scenario(int number, String title, DeliveryModels models, KafkaCluster cluster, Database database, Path root) {
		this.settings = new ScenarioSettings(number, title, models, root);
		this.cluster = cluster;
		this.stores = new Stores(this.settings, database);
		this.processes = new ScenarioProcesses(this.settings, cluster, this.stores);
		this.acknowledgements = new Acknowledgements(this.settings.directory().resolve("producer.log"));
	}

	ScenarioSettings settings() {
		return this.settings;
	}

	String name() {
		return this.settings.name();
	}

	String topic() {
		return this.settings.topic();
	}

	KafkaCluster cluster() {
		return this.cluster;
	}

	Stores stores() {
		return this.stores;
	}

	ServiceProcess producer() {
		return this.processes.producer();
	}

	ServiceProcess consumer() {
		return this.processes.consumer();
	}

	List<PoisonPill> pills() {
		return this.pills;
	}

	Duration timeToHeal() {
		return this.timeToHeal;
	}

	boolean isReported() {
		return this.reported;
	}

	void markReported() {
		this.reported = true;
	}

	/** Producer settings for this scenario, such as a short delivery timeout. */
	Scenario withProducerSettings(String... settings) {
		this.settings.addProducerSettings(List.of(settings));
		return this;
	}

	/** The consumer keeps its data in an H2 server process that the scenario can stop. */
	Scenario withConsumerDatabase(H2Server server) {
		this.settings.consumerDatabase(server);
		return this;
	}

	/** A clean stop must not redeliver anything: any duplicate fails the scenario. */
	Scenario expectingNoDuplicates() {
		this.settings.expectNoDuplicates();
		return this;
	}

	/** Starts the consumer and the producer and waits until both are ready. */
	void start() {
		this.processes.startConsumer();
		this.processes.startProducer();
		awaitReady(Duration.ofSeconds(120));
	}

	/** A further consumer in the scenario's group, not started. */
	ServiceProcess newConsumer(String instance) {
		return this.processes.newConsumer(instance);
	}

	/** Replaces the producer by a new process on the same database, and starts it. */
	void restartProducer() {
		this.processes.startProducer();
	}

	/** Replaces the consumer by a new process on the same database, and starts it. */
	void restartConsumer() {
		this.consumerRestarted = true;
		this.processes.startConsumer();
	}

	void awaitReady(Duration timeout) {
		await(name() + ": both services ready").atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> producer().isReady() && consumer().isReady());
	}

	List<Acknowledgement> acknowledged() {
		return this.acknowledgements.all();
	}

	Acknowledgement lastAcknowledged() {
		List<Acknowledgement> all = acknowledged();
		return all.get(all.size() - 1);
	}

	/**
	 * Waits until the producer has at least this many letters in flight (its window is
	 * full or nearly so).
	 */
	void awaitInFlight(int letters, Duration timeout) {
		await(name() + ": " + letters + " letters in flight").atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> producer().metric("alphabet_sender_in_flight") >= letters);
	}

	void awaitAcknowledged(int count, Duration timeout) {
		await(name() + ": " + count + " letters acknowledged").atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> acknowledged().size() >= count);
	}

	void awaitMoreAcknowledged(int more, Duration timeout) {
		awaitAcknowledged(acknowledged().size() + more, timeout);
	}

	int pendingMessages() throws Exception {
		return this.stores.pendingMessages();
	}

	/** Marks the end of the fault: from here the time to heal runs. */
	Heal healStarts() {
		return new Heal(System.nanoTime(), acknowledged().size(), Math.max(0, consumer().metric(APPLIED)));
	}

	/**
	 * Waits until both services are ready and the first letter acknowledged after the
	 * fault has been applied (any of the round after it, in a model that may lose one),
	 * then lets one more round through. After a fault of the consumer's own (restarted,
	 * or its database stopped) it waits until both are ready and the consumer applies
	 * letters again: at interval 0 its backlog by then can be a million letters, and
	 * working through it is the drain's to check (it fails once the consumer stops making
	 * progress), not the heal's.
	 */
	void awaitHealed(Heal heal) {
		int candidates = this.settings.models().promise().mayLose() ? ROUND : 1;
		boolean consumerFault = this.consumerRestarted || this.settings.consumerDatabase() != null;
		Duration left = HEAL_BOUND.minusNanos(System.nanoTime() - heal.startNanos());
		await(name() + ": healed within " + HEAL_BOUND + " of the fault's end")
			.atMost(left.isNegative() ? Duration.ofMillis(1) : left)
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> {
				if (!producer().isReady() || !consumer().isReady()) {
					return false;
				}
				if (consumerFault && consumer().metric(APPLIED) > heal.appliedBefore()) {
					return true;
				}
				List<Acknowledgement> all = acknowledged();
				List<String> after = all
					.subList(Math.min(heal.acknowledged(), all.size()),
							Math.min(heal.acknowledged() + candidates, all.size()))
					.stream()
					.map(Acknowledgement::messageId)
					.toList();
				return this.stores.anyApplied(after);
			});
		this.timeToHeal = Duration.ofNanos(System.nanoTime() - heal.startNanos());
		logger.info("{}: healed after {} ms", name(), this.timeToHeal.toMillis());
		awaitAcknowledged(heal.acknowledged() + ROUND, Duration.ofSeconds(60));
	}

	/**
	 * Stops the producer cleanly once nothing is pending, waits until the consumer group
	 * has committed the end of every partition, stops the consumers, then checks the
	 * invariants and adds the row to the report.
	 */
	void finish() throws Exception {
		await(name() + ": no PENDING message left").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> pendingMessages() == 0);
		producer().process().terminate(Duration.ofSeconds(30));
		awaitDrained();
		this.processes.terminateAll();
		Outcome.of(this).report();
	}

	/**
	 * Waits until the consumer group has committed the end of every partition. At
	 * interval 0 a consumer that was away (killed, stopped, without its database) comes
	 * back to a backlog of a million letters or more, and its drain takes as long as its
	 * throughput needs: this is not the heal bound. It fails once the committed offsets
	 * stand still for {@link #DRAIN_STALL}, or after {@link #DRAIN_BOUND}.
	 */
	private void awaitDrained() throws Exception {
		long deadline = System.nanoTime() + DRAIN_BOUND.toNanos();
		long[] seen = { committedSum() };
		while (!committedAtEnd()) {
			if (System.nanoTime() - deadline > 0) {
				throw new AssertionError(
						name() + ": the consumer group did not reach the end of every partition within " + DRAIN_BOUND
								+ " (committed " + seen[0] + ")");
			}
			await(name() + ": committed offsets moving towards the end of every partition (at " + seen[0] + ")")
				.atMost(DRAIN_STALL)
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> committedSum() > seen[0] || committedAtEnd());
			seen[0] = committedSum();
			logger.info("{}: draining, committed {} records", name(), seen[0]);
		}
	}

	private long committedSum() throws Exception {
		return this.cluster.admin()
			.listConsumerGroupOffsets(this.settings.group())
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS)
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().topic().equals(topic()) && entry.getValue() != null)
			.mapToLong((entry) -> entry.getValue().offset())
			.sum();
	}

	boolean committedAtEnd() throws Exception {
		List<TopicPartition> partitions = TopicRecords.partitions(this.cluster.admin(), topic());
		Map<TopicPartition, OffsetAndMetadata> committed = this.cluster.admin()
			.listConsumerGroupOffsets(this.settings.group())
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS);
		Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
		partitions.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		var ends = this.cluster.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS);
		Map<TopicPartition, Long> below = new LinkedHashMap<>();
		for (TopicPartition partition : partitions) {
			long end = ends.get(partition).offset();
			OffsetAndMetadata offset = committed.get(partition);
			if (end > 0 && offset == null) {
				return false;
			}
			if (offset != null && offset.offset() < end) {
				below.put(partition, offset.offset());
			}
		}
		// A transactional producer's records end with a commit marker, never given to
		// the consumer: what lies between its committed offset and the end must hold no
		// record that the consumer, in its isolation level, would be given.
		return TopicRecords.nothingToReadFrom(this.cluster.clientConfig(), below, consumerIsolation(),
				Duration.ofSeconds(20));
	}

	/** The consumer reads committed records only in the exactly-once model. */
	private IsolationLevel consumerIsolation() {
		return (this.settings.models().consumer() == DeliveryModel.EXACTLY_ONCE) ? IsolationLevel.READ_COMMITTED
				: IsolationLevel.READ_UNCOMMITTED;
	}

	@Override
	public void close() {
		this.processes.close();
	}

	/**
	 * The moment a fault ended.
	 *
	 * @param startNanos {@link System#nanoTime()} then
	 * @param acknowledged how many letters had been acknowledged then
	 * @param appliedBefore how many letters the consumer process running then had applied
	 * (0 if none was running)
	 */
	record Heal(long startNanos, int acknowledged, double appliedBefore) {
	}

}
