package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one benchmark run measures and how much: counts, repetitions, durations and the
 * paths of the jars under test.
 *
 * @param smoke whether this is the short run that only proves the harness works
 * @param root the repository root, where the module jars are built
 * @param work the directory for broker data, service databases, logs and reports
 * @param version the project version, which names the module jars
 * @param repetitions how often each measurement is repeated
 * @param produceRecords records per produce measurement, for every sender that pipelines
 * @param produceMaxSeconds how long the producer-service may take for its records: a
 * sender that waits for each acknowledgement is measured over this time instead
 * @param syncRecords records for the plain client that blocks on each send, a reference
 * kept short
 * @param consumeRecords records per consume measurement
 * @param endToEndSeconds how long the end-to-end measurement sends
 * @param endToEndInterval the producer-service's sender interval end to end, such as
 * {@code 1ms} (1,000 letters/s)
 * @param serviceHeap the maximum heap of each service process
 * @param brokerHeap the maximum heap of the broker process
 * @param postgresUrl the PostgreSQL database for the consume measurement, or blank to
 * skip
 * @param only the measurements to run: produce, consume, e2e, failover
 * @param producerArgs extra producer-service arguments, for tuning experiments
 * @param consumerArgs extra consumer-service arguments, for tuning experiments
 * @param failOverIntervalMillis the producer-service's sender interval in the fail-over
 * measurement
 * @param failOverWarmUpSeconds how long both senders run before the kill
 * @param failOverSeconds how long both senders keep sending after the kill (longer while
 * the stall lasts)
 * @param senderMaxInFlight the producer-service's {@code alphabet.sender.max-in-flight},
 * or blank to leave the service's default (a serial sender has no such property)
 * @param clientProps Kafka producer settings given to the producer-service (as
 * {@code spring.kafka.producer.properties[...]}) and so, through its effective settings,
 * to every client it is compared with
 * @param launch how the services' JVMs are started
 * @param consumerBaselineJar another consumer-service jar, measured next to the built one
 * on the same topics (before/after comparisons on one loaded machine), or blank
 * @param baselineProducerJar another producer-service jar (an earlier build) measured in
 * the same repetitions as this build's, before/after in one run; blank for none
 * @param protocol {@code PLAINTEXT}, or {@code SASL_SSL}: the broker runs
 * {@code --secure} and every client of a measurement, ours and Kafka's tools alike,
 * connects over SASL_SSL with SCRAM-SHA-512
 */
record Settings(boolean smoke, Path root, Path work, String version, int repetitions, int produceRecords,
		int produceMaxSeconds, int syncRecords, int consumeRecords, int endToEndSeconds, String endToEndInterval,
		String serviceHeap, String brokerHeap, String postgresUrl, List<String> only, List<String> producerArgs,
		List<String> consumerArgs, int failOverIntervalMillis, int failOverWarmUpSeconds, int failOverSeconds,
		String senderMaxInFlight, Map<String, String> clientProps, ServiceLaunch launch, String consumerBaselineJar,
		String baselineProducerJar, String protocol) {

	static final String PLAINTEXT = "PLAINTEXT";

	static final String SASL_SSL = "SASL_SSL";

	/** The measurements whose both sides run on one broker and can be secured. */
	private static final List<String> SECURED_MEASUREMENTS = List.of("produce", "consume");

	Settings {
		if (!protocol.equals(PLAINTEXT) && !protocol.equals(SASL_SSL)) {
			throw new IllegalArgumentException("protocol must be PLAINTEXT or SASL_SSL, not '" + protocol + "'");
		}
		if (protocol.equals(SASL_SSL) && !SECURED_MEASUREMENTS.containsAll(only)) {
			throw new IllegalArgumentException("protocol=SASL_SSL measures " + SECURED_MEASUREMENTS
					+ " only: set only=produce,consume (or one of them), not only=" + String.join(",", only));
		}
	}

	/** The name the baseline producer-service jar runs under (its copy and its cache). */
	static final String BASELINE_PRODUCER = "producer-baseline";

	static final String DEFAULT_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

	/**
	 * Reads {@code --name value} pairs; the Maven build passes the paths and
	 * {@code bench.args} adds {@code name=value} overrides.
	 */
	static Settings parse(String... args) {
		Map<String, String> values = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.startsWith("--") && i + 1 < args.length) {
				values.put(arg.substring(2), args[++i]);
			}
			else if (arg.contains("=")) {
				values.put(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
			}
			else if (!arg.isBlank()) {
				throw new IllegalArgumentException("Unknown argument '" + arg + "'");
			}
		}
		boolean smoke = Boolean.parseBoolean(values.getOrDefault("smoke", "false"));
		return new Settings(smoke, Path.of(values.getOrDefault("root", ".")).toAbsolutePath().normalize(),
				Path.of(values.getOrDefault("work", "target/bench")).toAbsolutePath().normalize(),
				values.getOrDefault("version", "0.1.0-SNAPSHOT"), intValue(values, "repetitions", smoke ? 1 : 3),
				intValue(values, "produce-records", smoke ? 200 : 100_000),
				intValue(values, "produce-max-seconds", 300), intValue(values, "sync-records", smoke ? 50 : 2_000),
				intValue(values, "consume-records", smoke ? 200 : 100_000),
				intValue(values, "e2e-seconds", smoke ? 3 : 20), values.getOrDefault("e2e-interval", "1ms"),
				values.getOrDefault("service-heap", "160m"), values.getOrDefault("broker-heap", "512m"),
				values.getOrDefault("postgres", smoke ? "" : DEFAULT_POSTGRES),
				// The smoke run leaves out footprint (two more service starts, through
				// the same code as every other pair's) to keep CI short.
				List.of(values
					.getOrDefault("only",
							smoke ? "produce,consume,e2e,failover" : "produce,consume,e2e,footprint,failover")
					.split(",")),
				words(values.get("producer-args")), words(values.get("consumer-args")),
				intValue(values, "failover-interval-ms", 10),
				intValue(values, "failover-warm-up-seconds", smoke ? 1 : 5),
				intValue(values, "failover-seconds", smoke ? 2 : 20), values.getOrDefault("sender-max-in-flight", ""),
				clientProps(values.get("client-props")), ServiceLaunch.parse(values),
				values.getOrDefault("consumer-baseline-jar", ""), values.getOrDefault("baseline-producer-jar", ""),
				values.getOrDefault("protocol", PLAINTEXT).toUpperCase(Locale.ROOT));
	}

	/**
	 * {@code "linger.ms=5 batch.size=65536"} (spaces or commas between settings).
	 */
	private static Map<String, String> clientProps(String value) {
		Map<String, String> props = new LinkedHashMap<>();
		for (String setting : (value != null) ? value.strip().split("[\\s,]+") : new String[0]) {
			if (setting.isEmpty()) {
				continue;
			}
			if (!setting.contains("=")) {
				throw new IllegalArgumentException("client-props: '" + setting + "' is not name=value");
			}
			props.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
		}
		return props;
	}

	private static int intValue(Map<String, String> values, String name, int fallback) {
		String value = values.get(name);
		return (value != null) ? Integer.parseInt(value) : fallback;
	}

	private static List<String> words(String value) {
		return (value != null && !value.isBlank()) ? List.of(value.strip().split("\\s+")) : List.of();
	}

	boolean hasBaselineProducer() {
		return !this.baselineProducerJar.isBlank();
	}

	boolean secured() {
		return this.protocol.equals(SASL_SSL);
	}

	boolean runs(String measurement) {
		return this.only.contains(measurement);
	}

	/**
	 * The arguments every producer-service gets besides its topic and database: the
	 * sender's window when one is set, the client settings under test, and the Kafka
	 * client's own log of its effective settings (see {@link ClientSettings}).
	 */
	List<String> producerServiceArgs() {
		List<String> arguments = new ArrayList<>();
		arguments.add("--logging.level." + ClientSettings.LOGGER + "=INFO");
		if (!this.senderMaxInFlight.isBlank()) {
			arguments.add("--alphabet.sender.max-in-flight=" + this.senderMaxInFlight);
		}
		this.clientProps
			.forEach((name, value) -> arguments.add("--spring.kafka.producer.properties[" + name + "]=" + value));
		return arguments;
	}

	/**
	 * The jar a module builds.
	 */
	Path builtJar(String module) {
		return this.root.resolve(module).resolve("target").resolve(module + "-" + this.version + ".jar");
	}

	/**
	 * The copy of a service jar this run uses, so that a rebuild during the run does not
	 * change what is measured.
	 */
	Path jar(String module) {
		return this.work.resolve("jars").resolve(module + ".jar");
	}

	Path logs() {
		return this.work.resolve("logs");
	}

}
