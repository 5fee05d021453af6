package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.alphabets.testsupport.ClientSecrets;

/**
 * One pre-filled topic read by ConsumerPerformance and by the consumer-service's
 * listener, which stores each letter idempotently, on H2 and on PostgreSQL.
 */
final class ConsumeBenchmark {

	/** The name under which {@code consumer-baseline-jar} is copied and started. */
	static final String BASELINE = "consumer-baseline";

	private final Settings settings;

	private final Broker broker;

	private final PerfTools tools;

	private final Results results;

	private final boolean postgres;

	ConsumeBenchmark(Settings settings, Broker broker, PerfTools tools, Results results) {
		this.settings = settings;
		this.broker = broker;
		this.tools = tools;
		this.results = results;
		this.postgres = !settings.postgresUrl().isBlank() && ReceivedMessages.postgresAnswers(settings.postgresUrl());
		if (!this.postgres) {
			results.note("Consume on PostgreSQL skipped: " + (settings.postgresUrl().isBlank() ? "not configured"
					: settings.postgresUrl() + " did not answer"));
		}
	}

	void run(int repetition) {
		int records = this.settings.consumeRecords();
		String topic = "consume-" + repetition;
		this.broker.createTopic(topic);
		Clients.prefill(this.broker.clientConfig(), topic, records);
		this.results.add("consume.cp.records", "ConsumerPerformance: records/s (fetch)", "records/s", this.tools
			.consumerPerformance(topic + "-cp", this.broker.bootstrapServers(), topic, records, topic + "-cp"));
		boolean baseline = !this.settings.consumerBaselineJar().isBlank();
		if (baseline) {
			Path h2 = this.settings.work().resolve(topic + "-h2-baseline");
			this.results.add("consume.h2-baseline.records", "baseline consumer-service on H2: records/s", "records/s",
					service(BASELINE, topic, "h2-baseline", records, ReceivedMessages.h2Url(h2), "sa", List.of()));
		}
		Path h2 = this.settings.work().resolve(topic + "-h2");
		double h2Rate = service(topic, "h2", records, ReceivedMessages.h2Url(h2), "sa", List.of());
		this.results.add("consume.h2.records", "consumer-service on H2: records/s", "records/s", h2Rate);
		if (!this.settings.consumerArgs().isEmpty()) {
			// A tuning experiment, measured next to the baseline on the same topic.
			Path tuned = this.settings.work().resolve(topic + "-h2-tuned");
			this.results.add("consume.h2-tuned.records",
					"consumer-service on H2 with " + String.join(" ", this.settings.consumerArgs()) + ": records/s",
					"records/s", service(topic, "h2-tuned", records, ReceivedMessages.h2Url(tuned), "sa",
							this.settings.consumerArgs()));
		}
		if (this.postgres && baseline) {
			this.results.add("consume.pg-baseline.records", "baseline consumer-service on PostgreSQL: records/s",
					"records/s", postgres(BASELINE, topic, "pg-baseline", records));
		}
		if (this.postgres) {
			String schema = "bench_" + topic.replace('-', '_');
			ReceivedMessages.dropSchema(this.settings.postgresUrl(), schema);
			String url = this.settings.postgresUrl() + "&currentSchema=" + schema;
			double pgRate = service(topic, "pg", records, url, "postgres",
					List.of("--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true"));
			ReceivedMessages.dropSchema(this.settings.postgresUrl(), schema);
			this.results.add("consume.pg.records", "consumer-service on PostgreSQL: records/s", "records/s", pgRate);
		}
	}

	private double postgres(String module, String topic, String database, int records) {
		String schema = "bench_" + topic.replace('-', '_') + "_" + database.replace('-', '_');
		ReceivedMessages.dropSchema(this.settings.postgresUrl(), schema);
		String url = this.settings.postgresUrl() + "&currentSchema=" + schema;
		double rate = service(module, topic, database, records, url, "postgres",
				List.of("--spring.flyway.schemas=" + schema, "--spring.flyway.create-schemas=true"));
		ReceivedMessages.dropSchema(this.settings.postgresUrl(), schema);
		return rate;
	}

	private double service(String topic, String database, int records, String url, String user, List<String> extra) {
		return service("consumer-service", topic, database, records, url, user, extra);
	}

	private double service(String module, String topic, String database, int records, String url, String user,
			List<String> extra) {
		List<String> arguments = new ArrayList<>(
				List.of("--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(),
						"--alphabet.topic=" + topic, "--alphabet.dead-letter-topic=" + topic + "-dlt",
						"--spring.kafka.consumer.group-id=" + topic + "-" + database,
						"--spring.kafka.consumer.auto-offset-reset=earliest", "--spring.datasource.url=" + url,
						"--spring.datasource.username=" + user, "--spring.datasource.password="));
		arguments.addAll(this.broker.serviceArguments(ClientSecrets.CONSUMER));
		arguments.addAll(extra);
		String group = topic + "-" + database;
		try (Service consumer = Service.startReady(this.settings, module,
				this.settings.logs().resolve(topic + "-" + database + ".log"), arguments)) {
			// Either sign that all is stored will do: its counter, or its offsets
			// committed to Kafka, which follow the database's commit (whether the
			// database or Kafka holds the offsets it resumes from). The rows decide.
			Poll.until(records + " letters applied", Duration.ofSeconds(60 + records / 50), Duration.ofMillis(250),
					() -> consumer.metric("alphabet_messages_applied_total", "") >= records
							|| this.broker.committedOffsets(group, topic) >= records);
			if (database.startsWith("h2") && !database.endsWith("tuned")) {
				this.results.add("footprint.consumer" + (database.equals("h2") ? "" : "." + database) + ".rss",
						(database.equals("h2") ? "" : "baseline ") + "consumer-service: peak RSS under load", "MiB",
						consumer.peakRssMiB());
			}
		}
		List<ReceivedMessages.Row> rows = ReceivedMessages.read(url, user);
		if (rows.size() != records) {
			throw new IllegalStateException("Expected " + records + " rows in received_messages, found " + rows.size());
		}
		// The consumer's own rate, from its rows: its counter or its Kafka commits could
		// lag or lead the database.
		return ReceivedMessages.appliedPerSecond(rows);
	}

}
