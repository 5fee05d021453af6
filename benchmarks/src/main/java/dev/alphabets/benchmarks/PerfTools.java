package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.alphabets.testsupport.ClientSecrets;
import dev.alphabets.testsupport.Jvm;
import dev.alphabets.testsupport.ManagedProcess;

/**
 * Kafka's own {@code ProducerPerformance} and {@code ConsumerPerformance}, and our
 * {@link KeyedProducer} and {@link SyncProducer}, each run as its own process with this
 * module's class path; on a secured broker, as the principal the service they are
 * compared with runs as (producer or consumer), with the same SASL_SSL settings.
 */
final class PerfTools {

	private static final String HEAP = "512m";

	/** The summary line ProducerPerformance prints at the end. */
	private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
			"(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99.9th");

	private static final Pattern OWN_SUMMARY = Pattern
		.compile("RESULT records/s=([\\d.]+) MB/s=([\\d.]+) p50=([\\d.]+) p99=([\\d.]+) p99.9=([\\d.]+)");

	private final Path logs;

	private final ClientSecrets secrets;

	PerfTools(Path logs) {
		this(logs, null);
	}

	/**
	 * @param logs where each tool's output goes
	 * @param secrets the secured broker's secrets, or null on PLAINTEXT
	 */
	PerfTools(Path logs, ClientSecrets secrets) {
		this.logs = logs;
		this.secrets = secrets;
	}

	/**
	 * Throughput and latency of one send path.
	 *
	 * @param recordsPerSecond acknowledged records per second
	 * @param mbPerSecond value megabytes (MiB) per second
	 * @param p50 median send-to-acknowledgement latency in ms
	 * @param p99 99th percentile in ms
	 * @param p999 99.9th percentile in ms
	 */
	record Produced(double recordsPerSecond, double mbPerSecond, double p50, double p99, double p999) {
	}

	/**
	 * What ProducerPerformance reports at its end.
	 *
	 * @param acknowledged records sent without an error (it counts only those)
	 * @param maxLatency the longest send-to-acknowledgement time in ms
	 */
	record Sent(long acknowledged, double maxLatency) {
	}

	Produced producerPerformance(String name, String bootstrapServers, String topic, int records, Path payloads,
			Map<String, Object> producerSettings) {
		return producerPerformance(name, bootstrapServers, topic, records, payloads, producerSettings, List.of());
	}

	/**
	 * Runs ProducerPerformance to its end with more options (such as
	 * {@code --transactional-id} and {@code --transaction-duration-ms}).
	 */
	Produced producerPerformance(String name, String bootstrapServers, String topic, int records, Path payloads,
			Map<String, Object> producerSettings, List<String> options) {
		List<String> command = producerPerformanceCommand(topic, records, -1, payloads, producerSettings);
		command.addAll(options);
		String output = Jvm.run(this.logs.resolve(name + ".log"), HEAP, command, 600);
		Matcher summary = producerSummary(output);
		return new Produced(Double.parseDouble(summary.group(2)), Double.parseDouble(summary.group(3)),
				Double.parseDouble(summary.group(6)), Double.parseDouble(summary.group(8)),
				Double.parseDouble(summary.group(9)));
	}

	/**
	 * Starts ProducerPerformance at a fixed rate without waiting for its end.
	 */
	ManagedProcess startProducerPerformance(String name, String topic, long records, long recordsPerSecond,
			Path payloads, Map<String, Object> producerSettings) {
		return Jvm.start(this.logs.resolve(name + ".log"), HEAP,
				producerPerformanceCommand(topic, records, recordsPerSecond, payloads, producerSettings));
	}

	static Sent sent(String output) {
		Matcher summary = producerSummary(output);
		return new Sent(Long.parseLong(summary.group(1)), Double.parseDouble(summary.group(5)));
	}

	private List<String> producerPerformanceCommand(String topic, long records, long recordsPerSecond, Path payloads,
			Map<String, Object> producerSettings) {
		List<String> command = new ArrayList<>(
				List.of("-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
						"--topic", topic, "--num-records", String.valueOf(records), "--throughput",
						String.valueOf(recordsPerSecond), "--payload-file", payloads.toString()));
		if (this.secrets != null) {
			// A file: --producer-props splits each setting at every '=', and the JAAS
			// line has several.
			command
				.addAll(List.of("--producer.config", this.secrets.propertiesFile(ClientSecrets.PRODUCER).toString()));
		}
		command.add("--producer-props");
		producerSettings.forEach((key, value) -> command.add(key + "=" + value));
		return command;
	}

	private static Matcher producerSummary(String output) {
		Matcher summary = PRODUCER_SUMMARY.matcher(output);
		if (!summary.find()) {
			throw new IllegalStateException("No summary from ProducerPerformance: " + output);
		}
		return summary;
	}

	/**
	 * Runs one of our own clients ({@link KeyedProducer}, {@link SyncProducer}) to its
	 * end.
	 */
	Produced ownClient(Class<?> client, String name, String topic, int records, Map<String, Object> producerSettings) {
		List<String> command = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), client.getName(),
				topic, String.valueOf(records)));
		producerSettings.forEach((key, value) -> command.add(key + "=" + value));
		if (this.secrets != null) {
			this.secrets.clientConfig(ClientSecrets.PRODUCER).forEach((key, value) -> command.add(key + "=" + value));
		}
		String output = Jvm.run(this.logs.resolve(name + ".log"), HEAP, command, 600);
		Matcher summary = OWN_SUMMARY.matcher(output);
		if (!summary.find()) {
			throw new IllegalStateException("No result from " + client.getSimpleName() + ": " + output);
		}
		return new Produced(Double.parseDouble(summary.group(1)), Double.parseDouble(summary.group(2)),
				Double.parseDouble(summary.group(3)), Double.parseDouble(summary.group(4)),
				Double.parseDouble(summary.group(5)));
	}

	/**
	 * Runs ConsumerPerformance over a pre-filled topic.
	 * @return records per second while fetching, that is without the group join
	 */
	double consumerPerformance(String name, String bootstrapServers, String topic, int records, String group) {
		List<String> command = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"),
				"org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrapServers, "--topic", topic,
				"--messages", String.valueOf(records), "--group", group, "--timeout", "60000"));
		if (this.secrets != null) {
			command
				.addAll(List.of("--consumer.config", this.secrets.propertiesFile(ClientSecrets.CONSUMER).toString()));
		}
		String output = Jvm.run(this.logs.resolve(name + ".log"), HEAP, command, 600);
		// start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg,
		// nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
		List<String> lines = output.lines().toList();
		for (int i = lines.size() - 1; i >= 0; i--) {
			String[] fields = lines.get(i).split(",\\s*");
			if (fields.length >= 10 && fields[4].matches("\\d+")) {
				if (Long.parseLong(fields[4]) < records) {
					throw new IllegalStateException("ConsumerPerformance read only " + fields[4] + " records");
				}
				return Double.parseDouble(fields[9]);
			}
		}
		throw new IllegalStateException("No result from ConsumerPerformance: " + output);
	}

}
