package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Both services at once: the producer-service sends as fast as it goes (interval 0: one
 * letter at a time, the next once the last one is acknowledged and its position stored),
 * the consumer-service stores each letter; the latency is the consumer's
 * {@code received_at} (taken just before the transaction of its poll) minus
 * {@code sentAt}, read from the consumer's database. The achieved rate is reported with
 * it.
 */
final class EndToEndBenchmark {

	/** Leading letters left out while the JVMs warm up. */
	private static final double WARM_UP_SHARE = 0.05;

	private final Settings settings;

	private final Broker broker;

	private final Results results;

	EndToEndBenchmark(Settings settings, Broker broker, Results results) {
		this.settings = settings;
		this.broker = broker;
		this.results = results;
	}

	void run(int repetition) {
		run("e2e-" + repetition, "e2e", "End to end", List.of());
		if (!this.settings.consumerArgs().isEmpty()) {
			run("e2e-tuned-" + repetition, "e2e-tuned",
					"End to end, consumer with " + String.join(" ", this.settings.consumerArgs()),
					this.settings.consumerArgs());
		}
	}

	private void run(String topic, String key, String label, List<String> consumerArgs) {
		this.broker.createTopic(topic);
		Path data = this.settings.work().resolve(topic);
		String url = ReceivedMessages.h2Url(data);
		long total;
		List<String> arguments = new ArrayList<>(
				List.of("--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(),
						"--alphabet.topic=" + topic, "--alphabet.dead-letter-topic=" + topic + "-dlt",
						"--spring.kafka.consumer.group-id=" + topic, "--spring.datasource.url=" + url));
		arguments.addAll(consumerArgs);
		try (Service consumer = Service.startReady(this.settings.jar("consumer-service"),
				this.settings.logs().resolve(topic + "-consumer.log"), this.settings.serviceHeap(), arguments)) {
			try (Service producer = Service.startReady(this.settings.jar("producer-service"),
					this.settings.logs().resolve(topic + "-producer.log"), this.settings.serviceHeap(),
					List.of("--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(),
							"--alphabet.topic=" + topic, "--alphabet.dead-letter-topic=" + topic + "-dlt",
							"--alphabet.sender.interval=0ms",
							"--spring.datasource.url=jdbc:h2:file:" + data.resolve("producer")
									+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"))) {
				long end = System.nanoTime() + Duration.ofSeconds(this.settings.endToEndSeconds()).toNanos();
				Poll.until("the end of the sending period", Duration.ofSeconds(this.settings.endToEndSeconds() + 30),
						Duration.ofMillis(100), () -> System.nanoTime() >= end
								&& producer.metric("alphabet_messages_acknowledged_total", "") > 0);
			}
			total = this.broker.endOffsets(topic);
			Poll.until(total + " letters applied", Duration.ofSeconds(120), Duration.ofMillis(100),
					() -> consumer.metric("alphabet_messages_applied_total", "") >= total);
		}
		List<ReceivedMessages.Row> rows = ReceivedMessages.read(url, "sa");
		rows.sort(java.util.Comparator.comparingLong(ReceivedMessages.Row::sentAt));
		List<ReceivedMessages.Row> measured = rows.subList((int) (rows.size() * WARM_UP_SHARE), rows.size());
		double[] latencies = measured.stream()
			.mapToDouble((row) -> (row.receivedAt() - row.sentAt()) / 1000.0)
			.toArray();
		double seconds = (measured.get(measured.size() - 1).sentAt() - measured.get(0).sentAt()) / 1e6;
		this.results.add(key + ".rate", label + ": achieved rate", "msg/s", (measured.size() - 1) / seconds);
		this.results.add(key + ".p50", label + ": p50 sentAt to commit", "ms", Stats.percentile(latencies, 50));
		this.results.add(key + ".p99", label + ": p99 sentAt to commit", "ms", Stats.percentile(latencies, 99));
		this.results.add(key + ".p999", label + ": p99.9 sentAt to commit", "ms", Stats.percentile(latencies, 99.9));
		this.results.add(key + ".lost", label + ": topic records not in the store", "records", total - rows.size());
	}

}
