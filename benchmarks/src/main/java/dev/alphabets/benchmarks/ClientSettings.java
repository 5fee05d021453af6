package dev.alphabets.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Kafka producer settings the producer-service's client really ran with, read from
 * the client's own {@code ProducerConfig values:} log entry, so that every client it is
 * compared with gets the same ones: whatever {@code application.yml}, Boot's defaults, a
 * customizer or a {@code client-props} override made of them.
 */
final class ClientSettings {

	/**
	 * The Kafka client logger that writes the entry, at INFO (for every client's
	 * configuration, so admin and consumer entries come too).
	 */
	static final String LOGGER = "org.apache.kafka.common.config.AbstractConfig";

	/**
	 * What changes how a producer batches, waits, retries and what it guarantees; the
	 * rest (serializers, client id, metrics, security) is each side's own business.
	 */
	private static final List<String> COMPARED = List.of("acks", "enable.idempotence",
			"max.in.flight.requests.per.connection", "linger.ms", "batch.size", "compression.type",
			"compression.gzip.level", "compression.lz4.level", "compression.zstd.level", "buffer.memory",
			"max.request.size", "delivery.timeout.ms", "request.timeout.ms", "retries", "retry.backoff.ms",
			"retry.backoff.max.ms", "reconnect.backoff.ms", "reconnect.backoff.max.ms", "max.block.ms",
			"send.buffer.bytes", "receive.buffer.bytes", "partitioner.adaptive.partitioning.enable",
			"partitioner.availability.timeout.ms", "partitioner.ignore.keys", "metadata.max.age.ms");

	/** The ones the report shows first: the produce goal names them. */
	private static final List<String> HEADLINE = List.of("acks", "enable.idempotence",
			"max.in.flight.requests.per.connection", "linger.ms", "batch.size", "compression.type");

	private static final Pattern ENTRY = Pattern.compile("ProducerConfig values: *\\R((?:\\t[^\\r\\n]*\\R?)+)");

	private static final Pattern SETTING = Pattern.compile("(?m)^\\t(\\S+) = (.*)$");

	private ClientSettings() {
	}

	/**
	 * The compared settings of the last producer the service's log shows.
	 * @param log the service's output
	 * @param logName where it came from, for the error message
	 * @return the settings, by name
	 * @throws IllegalStateException if the log has no such entry
	 */
	static Map<String, String> fromServiceLog(String log, String logName) {
		Matcher entry = ENTRY.matcher(log);
		String last = null;
		while (entry.find()) {
			last = entry.group(1);
		}
		if (last == null) {
			throw new IllegalStateException("No 'ProducerConfig values:' entry in " + logName
					+ ": the service's Kafka producer was not created, or " + LOGGER + " does not log at INFO");
		}
		Map<String, String> all = new TreeMap<>();
		Matcher setting = SETTING.matcher(last);
		while (setting.find()) {
			all.put(setting.group(1), setting.group(2).strip());
		}
		Map<String, String> compared = new LinkedHashMap<>();
		for (String name : COMPARED) {
			String value = all.get(name);
			if (value != null && !value.equals("null")) {
				compared.put(name, value);
			}
		}
		return compared;
	}

	/**
	 * The settings for a client of our own or ProducerPerformance.
	 */
	static Map<String, Object> forClient(Map<String, String> settings, String bootstrapServers) {
		Map<String, Object> client = new LinkedHashMap<>(settings);
		client.put("bootstrap.servers", bootstrapServers);
		return client;
	}

	/**
	 * For the report: the headline settings first, then the rest.
	 */
	static String describe(Map<String, String> settings) {
		Map<String, String> ordered = new LinkedHashMap<>();
		HEADLINE.stream().filter(settings::containsKey).forEach((name) -> ordered.put(name, settings.get(name)));
		ordered.putAll(settings);
		return ordered.entrySet()
			.stream()
			.map((setting) -> setting.getKey() + "=" + setting.getValue())
			.collect(Collectors.joining(", "));
	}

}
