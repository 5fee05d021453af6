package dev.alphabets.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.alphabets.testsupport.KafkaCluster;
import dev.alphabets.testsupport.ServiceProcess;
import dev.alphabets.testsupport.TopicRecords;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.awaitility.Awaitility.await;

/**
 * One fault-injection scenario: its own topics, consumer group and databases on the
 * shared cluster, the two services as processes, and the checks once the fault has
 * healed.
 */
final class Scenario implements AutoCloseable {

	/** How long both services may take to be ready again once a fault has ended. */
	static final Duration HEAL_BOUND = Duration.ofSeconds(90);

	static final Duration DRAIN_BOUND = Duration.ofSeconds(240);

	/** One A-Z round. */
	static final int ROUND = 26;

	private static final Logger logger = LoggerFactory.getLogger(Scenario.class);

	private static final Pattern DELIVERED = Pattern
		.compile("Delivered ([A-Z]) to topic=(\\S+) partition=(\\d+) offset=(\\d+) messageId=(\\S+) sequenceId=(\\S+)");

	private final String name;

	private final String id;

	private final KafkaCluster cluster;

	private final Database database;

	private final Path directory;

	private final List<String> producerSettings = new ArrayList<>();

	private final List<ServiceProcess> services = new ArrayList<>();

	private final List<PoisonPill> pills = new ArrayList<>();

	private H2Server consumerDatabase;

	private ServiceProcess producer;

	private ServiceProcess consumer;

	private Duration timeToHeal;

	private final List<Delivery> deliveries = new ArrayList<>();

	private long parsedBytes;

	private boolean expectNoDuplicates;

	private boolean reported;

	Scenario(int number, String title, KafkaCluster cluster, Database database, Path root) {
		this.name = number + ". " + title;
		this.id = String.format("s%02d", number);
		this.cluster = cluster;
		this.database = database;
		this.directory = root.resolve(this.id);
	}

	String name() {
		return this.name;
	}

	String topic() {
		return "alphabets-" + this.id;
	}

	String deadLetterTopic() {
		return topic() + "-dlt";
	}

	String group() {
		return "alphabet-consumer-" + this.id;
	}

	KafkaCluster cluster() {
		return this.cluster;
	}

	Database database() {
		return this.database;
	}

	ServiceProcess producer() {
		return this.producer;
	}

	ServiceProcess consumer() {
		return this.consumer;
	}

	List<ServiceProcess> services() {
		return this.services;
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

	boolean expectsNoDuplicates() {
		return this.expectNoDuplicates;
	}

	/** Producer settings for this scenario, such as a short delivery timeout. */
	Scenario withProducerSettings(String... settings) {
		this.producerSettings.addAll(List.of(settings));
		return this;
	}

	/** The consumer keeps its data in an H2 server process that the scenario can stop. */
	Scenario withConsumerDatabase(H2Server server) {
		this.consumerDatabase = server;
		return this;
	}

	Connection connectProducerStore() throws SQLException {
		return this.database.connect(this.id + "_producer");
	}

	Connection connectConsumerStore() throws SQLException {
		return (this.consumerDatabase != null) ? this.consumerDatabase.connect()
				: this.database.connect(this.id + "_consumer");
	}

	/** A clean stop must not redeliver anything: any duplicate fails the scenario. */
	Scenario expectingNoDuplicates() {
		this.expectNoDuplicates = true;
		return this;
	}

	/** Starts the consumer and the producer and waits until both are ready. */
	void start() {
		this.consumer = newConsumer("consumer").start();
		this.producer = newProducer().start();
		awaitReady(Duration.ofSeconds(120));
	}

	ServiceProcess newProducer() {
		List<String> settings = new ArrayList<>(common());
		settings.add("--alphabet.min-insync-replicas=2");
		// As fast as Kafka takes them; the suite reads each acknowledgement from the
		// per-letter log line, which is DEBUG at that speed.
		settings.add("--alphabet.sender.interval=0");
		settings.add("--logging.level.dev.alphabets.producer.sending.LetterPublisher=DEBUG");
		settings.addAll(this.database.serviceArguments(this.id + "_producer"));
		settings.addAll(this.producerSettings);
		return track(new ServiceProcess("producer-" + this.id, Jars.producer(), this.directory.resolve("producer.log"),
				settings));
	}

	ServiceProcess newConsumer(String instance) {
		List<String> settings = new ArrayList<>(common());
		settings.add("--alphabet.min-brokers=2");
		settings.add("--alphabet.min-insync-replicas=2");
		settings.add("--spring.kafka.consumer.group-id=" + group());
		settings.addAll((this.consumerDatabase != null) ? this.consumerDatabase.serviceArguments()
				: this.database.serviceArguments(this.id + "_consumer"));
		return track(new ServiceProcess(instance + "-" + this.id, Jars.consumer(),
				this.directory.resolve(instance + ".log"), settings));
	}

	private List<String> common() {
		return List.of("--spring.kafka.bootstrap-servers=" + this.cluster.bootstrapServers(),
				"--alphabet.topic=" + topic(), "--alphabet.dead-letter-topic=" + deadLetterTopic(),
				"--alphabet.partitions=3", "--alphabet.replication-factor=3");
	}

	private ServiceProcess track(ServiceProcess service) {
		this.services.add(service);
		return service;
	}

	/** Replaces the producer by a new process on the same database, and starts it. */
	void restartProducer() {
		this.producer = newProducer().start();
	}

	/** Replaces the consumer by a new process on the same database, and starts it. */
	void restartConsumer() {
		this.consumer = newConsumer("consumer").start();
	}

	void awaitReady(Duration timeout) {
		await(this.name + ": both services ready").atMost(timeout)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> this.producer.isReady() && this.consumer.isReady());
	}

	/**
	 * The producer's acknowledgements, read from the log of every producer process (they
	 * share one file). At interval 0 the log grows fast: each call parses only the
	 * complete lines added since the last one.
	 */
	synchronized List<Delivery> acknowledged() {
		Path log = this.producer.process().log();
		try (SeekableByteChannel channel = Files.newByteChannel(log)) {
			long size = channel.size();
			if (size > this.parsedBytes) {
				ByteBuffer added = ByteBuffer.allocate((int) Math.min(size - this.parsedBytes, 64 << 20));
				channel.position(this.parsedBytes);
				while (added.hasRemaining() && channel.read(added) > 0) {
					// read what is there
				}
				String text = new String(added.array(), 0, added.position(), StandardCharsets.UTF_8);
				int complete = text.lastIndexOf('\n') + 1;
				Matcher matcher = DELIVERED.matcher(text.substring(0, complete));
				while (matcher.find()) {
					this.deliveries.add(new Delivery(matcher.group(1), Integer.parseInt(matcher.group(3)),
							Long.parseLong(matcher.group(4)), matcher.group(5), matcher.group(6)));
				}
				this.parsedBytes += text.substring(0, complete).getBytes(StandardCharsets.UTF_8).length;
			}
		}
		catch (NoSuchFileException ex) {
			// Not started yet.
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ArrayList<>(this.deliveries);
	}

	/**
	 * Waits until the producer has at least this many letters in flight (its window is
	 * full or nearly so).
	 */
	void awaitInFlight(int letters, Duration timeout) {
		await(this.name + ": " + letters + " letters in flight").atMost(timeout)
			.pollInterval(Duration.ofMillis(20))
			.until(() -> this.producer.metric("alphabet_sender_in_flight") >= letters);
	}

	Delivery lastAcknowledged() {
		List<Delivery> deliveries = acknowledged();
		return deliveries.get(deliveries.size() - 1);
	}

	void awaitAcknowledged(int count, Duration timeout) {
		await(this.name + ": " + count + " letters acknowledged").atMost(timeout)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> acknowledged().size() >= count);
	}

	void awaitMoreAcknowledged(int more, Duration timeout) {
		awaitAcknowledged(acknowledged().size() + more, timeout);
	}

	/** Marks the end of the fault: from here the time to heal runs. */
	Heal healStarts() {
		return new Heal(System.nanoTime(), acknowledged().size());
	}

	/**
	 * Waits until both services are ready and a letter acknowledged after the fault has
	 * been applied, then lets one more round through.
	 */
	void awaitHealed(Heal heal) {
		Duration left = HEAL_BOUND.minusNanos(System.nanoTime() - heal.startNanos());
		await(this.name + ": healed within " + HEAL_BOUND + " of the fault's end")
			.atMost(left.isNegative() ? Duration.ofMillis(1) : left)
			.pollInterval(Duration.ofMillis(250))
			.ignoreExceptions()
			.until(() -> {
				List<Delivery> deliveries = acknowledged();
				return deliveries.size() > heal.acknowledged()
						&& applied(deliveries.get(heal.acknowledged()).messageId()) && this.producer.isReady()
						&& this.consumer.isReady();
			});
		this.timeToHeal = Duration.ofNanos(System.nanoTime() - heal.startNanos());
		logger.info("{}: healed after {} ms", this.name, this.timeToHeal.toMillis());
		awaitAcknowledged(heal.acknowledged() + ROUND, Duration.ofSeconds(60));
	}

	boolean applied(String messageId) throws Exception {
		return count(connectConsumerStore(), "SELECT COUNT(*) FROM received_messages WHERE message_id = ?",
				messageId) == 1;
	}

	int pendingMessages() throws Exception {
		return count(connectProducerStore(), "SELECT COUNT(*) FROM failed_messages WHERE status = ?", "PENDING");
	}

	private static int count(Connection store, String sql, String parameter) throws Exception {
		try (Connection connection = store; PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, parameter);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

	/**
	 * Stops the producer cleanly once nothing is pending, waits until the consumer group
	 * has committed the end of every partition, stops the consumers, then checks the
	 * invariants and adds the row to the report.
	 */
	void finish() throws Exception {
		await(this.name + ": no PENDING message left").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(() -> pendingMessages() == 0);
		this.producer.process().terminate(Duration.ofSeconds(30));
		// At interval 0 a consumer that was away (killed, stopped, without its database)
		// comes back to a backlog of a hundred thousand letters or more: this waits for
		// the
		// backlog, so it is not the heal bound.
		await(this.name + ": committed offsets at the end of every partition").atMost(DRAIN_BOUND)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptions()
			.until(this::committedAtEnd);
		for (ServiceProcess service : this.services) {
			if (service.process().isAlive()) {
				service.process().terminate(Duration.ofSeconds(30));
			}
		}
		Outcome.collect(this).report();
	}

	boolean committedAtEnd() throws Exception {
		List<TopicPartition> partitions = TopicRecords.partitions(this.cluster.admin(), topic());
		Map<TopicPartition, OffsetAndMetadata> committed = this.cluster.admin()
			.listConsumerGroupOffsets(group())
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS);
		Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
		partitions.forEach((partition) -> latest.put(partition, OffsetSpec.latest()));
		var ends = this.cluster.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS);
		return partitions.stream().allMatch((partition) -> {
			long end = ends.get(partition).offset();
			OffsetAndMetadata offset = committed.get(partition);
			return (end == 0 && offset == null) || (offset != null && offset.offset() == end);
		});
	}

	@Override
	public void close() {
		this.services.forEach((service) -> service.process().destroy());
		if (this.consumerDatabase != null) {
			this.consumerDatabase.process().destroy();
		}
	}

	/**
	 * One acknowledgement as the producer logged it.
	 *
	 * @param letter the letter
	 * @param partition the partition
	 * @param offset the offset
	 * @param messageId the message id
	 * @param sequenceId the sequence id, also the record key
	 */
	record Delivery(String letter, int partition, long offset, String messageId, String sequenceId) {
	}

	/**
	 * The moment a fault ended.
	 *
	 * @param startNanos {@link System#nanoTime()} then
	 * @param acknowledged how many letters had been acknowledged then
	 */
	record Heal(long startNanos, int acknowledged) {
	}

}
