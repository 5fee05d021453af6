package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * Start-up on its own: each service started alone, with its defaults (the producer at its
 * 2 s demo interval), timed from process start to readiness UP, then stopped. Nothing
 * else of the run is going on meanwhile, so the JVM, Spring and the first contact with
 * Kafka are what is measured. Peak RSS under load comes from the produce and consume
 * pairs.
 */
final class FootprintBenchmark {

	private final Settings settings;

	private final Broker broker;

	private final Results results;

	FootprintBenchmark(Settings settings, Broker broker, Results results) {
		this.settings = settings;
		this.broker = broker;
		this.results = results;
	}

	void run(int repetition) {
		String topic = "footprint-" + repetition;
		this.broker.createTopic(topic);
		Path data = this.settings.work().resolve(topic);
		try (Service producer = Service.startReady(this.settings, "producer-service",
				this.settings.logs().resolve(topic + "-producer.log"),
				ProducerServiceArgs.of(this.settings, this.broker.bootstrapServers(), topic, "2s", data))) {
			this.results.add("footprint.producer.ready", "producer-service: process start to readiness UP", "s",
					producer.readySeconds());
			this.results.add("footprint.producer.rss-ready", "producer-service: peak RSS when ready", "MiB",
					producer.peakRssMiB());
		}
		try (Service consumer = Service.startReady(this.settings, "consumer-service",
				this.settings.logs().resolve(topic + "-consumer.log"),
				List.of("--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(),
						"--alphabet.topic=" + topic, "--alphabet.dead-letter-topic=" + topic + "-dlt",
						"--spring.kafka.consumer.group-id=" + topic,
						"--spring.datasource.url=" + ReceivedMessages.h2Url(data)))) {
			this.results.add("footprint.consumer.ready", "consumer-service: process start to readiness UP", "s",
					consumer.readySeconds());
			this.results.add("footprint.consumer.rss-ready", "consumer-service: peak RSS when ready", "MiB",
					consumer.peakRssMiB());
		}
	}

}
