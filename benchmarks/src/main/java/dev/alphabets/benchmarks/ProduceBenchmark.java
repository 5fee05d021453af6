package dev.alphabets.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.alphabets.testsupport.ClientSecrets;

/**
 * The same record count through the producer-service's sender at an interval of 0 (as
 * fast as it goes) and through Kafka's client with the very settings the service's client
 * ran with: ProducerPerformance (no key, as it comes), our {@link KeyedProducer} (the
 * service's keys and header), and, as a short reference for a serial design, the client
 * blocking on each {@code send().get()}. The service runs first in each repetition: its
 * log gives the settings.
 */
final class ProduceBenchmark {

	/** The transaction duration of both exactly-once senders. */
	private static final int EOS_TRANSACTION_MS = 100;

	private final Settings settings;

	private final Broker broker;

	private final PerfTools tools;

	private final Results results;

	private Map<String, String> clientSettings;

	ProduceBenchmark(Settings settings, Broker broker, PerfTools tools, Results results) {
		this.settings = settings;
		this.broker = broker;
		this.tools = tools;
		this.results = results;
	}

	void run(int repetition) {
		int records = this.settings.produceRecords();
		String topic = topic("service", repetition);
		boolean baseline = this.settings.hasBaselineProducer();
		if (baseline && repetition % 2 == 0) {
			// Before/after in turns, so neither build always runs on the warmer broker.
			baseline(records, repetition);
			baseline = false;
		}
		add("service", "producer-service (interval 0)",
				service(topic, records, List.of(), repetition, "producer-service"));
		if (baseline) {
			baseline(records, repetition);
		}
		Map<String, Object> client = ClientSettings.forClient(this.clientSettings, this.broker.bootstrapServers());
		topic = topic("pp", repetition);
		add("pp", "ProducerPerformance (no key)", this.tools.producerPerformance(topic, this.broker.bootstrapServers(),
				topic, records, payloadFile(this.settings), client));
		topic = topic("keyed", repetition);
		add("keyed", "Kafka client, keyed as the service, pipelined",
				this.tools.ownClient(KeyedProducer.class, topic, topic, records, client));
		// Exactly-once: the transactional sender against ProducerPerformance with a
		// transactional id and the same transaction duration (the sender's default
		// transaction-interval at interval 0).
		topic = topic("service-eos", repetition);
		if (this.broker.isSecured()) {
			this.broker.createPositionTopic(topic + "-positions");
		}
		add("service-eos", "producer-service exactly-once (interval 0)",
				service(topic, records,
						List.of("--alphabet.delivery=exactly-once", "--alphabet.sender.id=" + topic,
								"--alphabet.sender.position-topic=" + topic + "-positions",
								"--alphabet.sender.transaction-interval=" + EOS_TRANSACTION_MS + "ms"),
						repetition, "producer-service"));
		topic = topic("pp-eos", repetition);
		add("pp-eos", "ProducerPerformance transactional (" + EOS_TRANSACTION_MS + " ms transactions)",
				this.tools.producerPerformance(topic, this.broker.bootstrapServers(), topic, records,
						payloadFile(this.settings), client, List.of("--transactional-id", "bench-" + topic,
								"--transaction-duration-ms", String.valueOf(EOS_TRANSACTION_MS))));
		if (this.settings.syncRecords() > 0) {
			topic = topic("sync", repetition);
			add("sync", "Kafka client, send().get() per record (" + this.settings.syncRecords() + " records)",
					this.tools.ownClient(SyncProducer.class, topic, topic, this.settings.syncRecords(), client));
		}
		if (!this.settings.producerArgs().isEmpty()) {
			// A tuning experiment, measured next to the baseline.
			topic = topic("service-tuned", repetition);
			add("service-tuned", "producer-service with " + String.join(" ", this.settings.producerArgs()),
					service(topic, records, this.settings.producerArgs(), repetition, "producer-service"));
		}
	}

	private void baseline(int records, int repetition) {
		String topic = topic("baseline", repetition);
		add("service-baseline", "producer-service, baseline jar (interval 0)",
				service(topic, records, List.of(), repetition, Settings.BASELINE_PRODUCER));
	}

	private PerfTools.Produced service(String topic, int records, List<String> extra, int repetition, String module) {
		boolean main = extra.isEmpty() && module.equals("producer-service");
		Path log = this.settings.logs().resolve(topic + ".log");
		List<String> arguments = new ArrayList<>(ProducerServiceArgs.of(this.settings, this.broker.bootstrapServers(),
				topic, "0ms", this.settings.work().resolve(topic)));
		arguments.add("--management.metrics.distribution.percentiles.alphabet.send=0.5,0.99,0.999");
		arguments.addAll(this.broker.serviceArguments(ClientSecrets.PRODUCER));
		arguments.addAll(extra);
		PerfTools.Produced produced;
		try (Service producer = Service.startReady(this.settings, module, log, arguments)) {
			// Counted in the topic, not through the service: the broker's end offsets are
			// the acknowledged records (one replica), and asking the broker costs the
			// service nothing. The clock starts at the first record, once the sender
			// runs.
			long[] first = { 0 };
			long[] start = { 0 };
			Poll.until("the service's first letter", Duration.ofSeconds(60), Duration.ofMillis(20), () -> {
				first[0] = this.broker.endOffsets(topic);
				start[0] = System.nanoTime();
				return first[0] > 0;
			});
			long[] last = { 0 };
			long[] end = { 0 };
			// A sender far slower than the client (one letter at a time) is measured
			// over a bounded time instead, and the report says so.
			long cap = Duration.ofSeconds(this.settings.produceMaxSeconds()).toNanos();
			Poll.until(records + " letters in " + topic, Duration.ofSeconds(this.settings.produceMaxSeconds() + 60),
					Duration.ofMillis(50), () -> {
						last[0] = this.broker.endOffsets(topic);
						end[0] = System.nanoTime();
						return last[0] >= first[0] + records || end[0] - start[0] >= cap;
					});
			double seconds = (end[0] - start[0]) / 1e9;
			double sent = last[0] - first[0];
			if (sent < records) {
				this.results.note(String.format(Locale.ROOT,
						"Produce: %s sent %.0f of %d letters in the %d s allowed (produce-max-seconds); its rate is"
								+ " over those.",
						topic, sent, records, this.settings.produceMaxSeconds()));
			}
			if (main) {
				this.results.add("footprint.producer.rss", "producer-service: peak RSS under load", "MiB",
						producer.peakRssMiB());
			}
			double valueBytes = WireLetters.record(topic, topic, 0, Instant.now()).value().length;
			produced = new PerfTools.Produced(sent / seconds, sent * valueBytes / seconds / 1024 / 1024,
					quantile(producer, "0.5"), quantile(producer, "0.99"), quantile(producer, "0.999"));
		}
		if (main) {
			noteSettings(ClientSettings.fromServiceLog(read(log), log.toString()), topic, repetition);
		}
		return produced;
	}

	/**
	 * Keeps the settings for the clients, and says in the report what they were; a change
	 * between repetitions would mean the comparison moved.
	 */
	private void noteSettings(Map<String, String> settings, String topic, int repetition) {
		if (this.clientSettings == null) {
			this.results.note("Produce: client settings of every sender, as the producer-service's Kafka client"
					+ " logged them: " + ClientSettings.describe(settings) + ".");
			this.results
				.note("Produce: records of the producer-service " + TopicReader.sizes(this.broker.clientConfig(), topic)
						+ "; ProducerPerformance sends the same values, no key and"
						+ " no header; the keyed client sends the service's key, value and header.");
		}
		else if (!this.clientSettings.equals(settings)) {
			this.results.note("Produce: the service's client settings changed in repetition " + repetition + ": "
					+ ClientSettings.describe(settings) + ".");
		}
		this.clientSettings = settings;
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
		this.broker.createTopic(topic);
		return topic;
	}

	private static String read(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
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
