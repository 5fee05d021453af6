package dev.alphabets.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The same record count through four send paths: ProducerPerformance as it comes,
 * ProducerPerformance with one request in flight, the raw client blocking on each send,
 * and the producer-service's sender with an interval of 0 (as fast as it goes).
 */
final class ProduceBenchmark {

	private final Settings settings;

	private final Broker broker;

	private final PerfTools tools;

	private final Results results;

	ProduceBenchmark(Settings settings, Broker broker, PerfTools tools, Results results) {
		this.settings = settings;
		this.broker = broker;
		this.tools = tools;
		this.results = results;
	}

	void run(int repetition) {
		int records = this.settings.produceRecords();
		String servers = this.broker.bootstrapServers();
		Path payloads = payloadFile(this.settings);
		Map<String, Object> settings = Clients.serviceProducerSettings(servers);
		String topic = topic("pp", repetition);
		add("pp", "ProducerPerformance",
				this.tools.producerPerformance(topic, servers, topic, records, payloads, settings));
		// The same count is mostly JVM and client warm-up for a tool that sends 100k
		// records/s; a longer run shows its steady state.
		topic = topic("pp-steady", repetition);
		add("pp-steady", "ProducerPerformance, 20x the records",
				this.tools.producerPerformance(topic, servers, topic, records * 20, payloads, settings));
		Map<String, Object> oneInFlight = Clients.serviceProducerSettings(servers);
		oneInFlight.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
		topic = topic("pp1", repetition);
		add("pp1", "ProducerPerformance, max.in.flight=1",
				this.tools.producerPerformance(topic, servers, topic, records, payloads, oneInFlight));
		topic = topic("sync", repetition);
		add("sync", "Kafka client, send().get() per record", this.tools.syncProducer(topic, servers, topic, records));
		topic = topic("service", repetition);
		add("service", "producer-service (interval 0)", service(topic, records, List.of()));
		if (!this.settings.producerArgs().isEmpty()) {
			// A tuning experiment, measured next to the baseline.
			topic = topic("service-tuned", repetition);
			add("service-tuned", "producer-service with " + String.join(" ", this.settings.producerArgs()),
					service(topic, records, this.settings.producerArgs()));
		}
	}

	private PerfTools.Produced service(String topic, int records, List<String> extra) {
		this.broker.createTopic(topic);
		Path data = this.settings.work().resolve(topic);
		List<String> arguments = new ArrayList<>(List.of(
				"--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(), "--alphabet.topic=" + topic,
				"--alphabet.dead-letter-topic=" + topic + "-dlt", "--alphabet.sender.interval=0ms",
				"--spring.datasource.url=jdbc:h2:file:" + data.resolve("producer")
						+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
				"--management.metrics.distribution.percentiles.alphabet.send=0.5,0.99,0.999"));
		arguments.addAll(extra);
		try (Service producer = Service.startReady(this.settings.jar("producer-service"),
				this.settings.logs().resolve(topic + ".log"), this.settings.serviceHeap(), arguments)) {
			// The sender starts with the context; count from the first readiness answer.
			double start = acknowledged(producer);
			long startNanos = System.nanoTime();
			Poll.until(records + " acknowledgements", Duration.ofSeconds(60 + records / 50), Duration.ofMillis(20),
					() -> acknowledged(producer) >= start + records);
			double seconds = (System.nanoTime() - startNanos) / 1e9;
			double sent = acknowledged(producer) - start;
			if (extra.isEmpty()) {
				footprint(producer);
			}
			double valueBytes = WireLetters.record(topic, topic, 0, java.time.Instant.now()).value().length;
			return new PerfTools.Produced(sent / seconds, sent * valueBytes / seconds / 1024 / 1024,
					quantile(producer, "0.5"), quantile(producer, "0.99"), quantile(producer, "0.999"));
		}
	}

	private void footprint(Service producer) {
		this.results.add("footprint.producer.ready", "producer-service: start to readiness UP", "s",
				producer.readySeconds());
		this.results.add("footprint.producer.rss", "producer-service: peak RSS under load", "MiB",
				producer.peakRssMiB());
	}

	private static double acknowledged(Service producer) {
		return producer.metric("alphabet_messages_acknowledged_total", "");
	}

	private static double quantile(Service producer, String quantile) {
		return producer.metric("alphabet_send_seconds", "quantile=\"" + quantile + "\"") * 1000;
	}

	private void add(String key, String label, PerfTools.Produced produced) {
		String prefix = "produce." + key + ".";
		this.results.add(prefix + "records", label + ": records/s", "records/s", produced.recordsPerSecond());
		this.results.add(prefix + "mb", label + ": MB/s", "MiB/s", produced.mbPerSecond());
		this.results.add(prefix + "p50", label + ": p50 send latency", "ms", produced.p50());
		this.results.add(prefix + "p99", label + ": p99 send latency", "ms", produced.p99());
		this.results.add(prefix + "p999", label + ": p99.9 send latency", "ms", produced.p999());
	}

	private String topic(String name, int repetition) {
		String topic = "produce-" + name + "-" + repetition;
		if (!name.startsWith("service")) {
			this.broker.createTopic(topic);
		}
		return topic;
	}

	/**
	 * Real wire-format values for ProducerPerformance, written once per run.
	 */
	static Path payloadFile(Settings settings) {
		Path file = settings.work().resolve("payloads.txt");
		try {
			if (!Files.exists(file)) {
				Files.writeString(file, WireLetters.payloads(1000));
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
