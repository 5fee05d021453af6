package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Both services at once: the producer-service held at a set interval (1 ms by default:
 * 1,000 letters/s for a sender that keeps the pace, less for one that waits for each
 * acknowledgement), the consumer-service stores each letter; the latency is the
 * consumer's {@code received_at} (taken just before the transaction of its poll) minus
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
		List<String> arguments = new ArrayList<>(List.of(
				"--spring.kafka.bootstrap-servers=" + this.broker.bootstrapServers(), "--alphabet.topic=" + topic,
				"--alphabet.dead-letter-topic=" + topic + "-dlt", "--spring.kafka.consumer.group-id=" + topic,
				"--spring.kafka.consumer.auto-offset-reset=earliest", "--spring.datasource.url=" + url));
		arguments.addAll(consumerArgs);
		try (Service consumer = Service.startReady(this.settings, "consumer-service",
				this.settings.logs().resolve(topic + "-consumer.log"), arguments)) {
			try (Service producer = Service.startReady(this.settings, "producer-service",
					this.settings.logs().resolve(topic + "-producer.log"), ProducerServiceArgs.of(this.settings,
							this.broker.bootstrapServers(), topic, this.settings.endToEndInterval(), data))) {
				long end = System.nanoTime() + Duration.ofSeconds(this.settings.endToEndSeconds()).toNanos();
				Poll.until("the end of the sending period", Duration.ofSeconds(this.settings.endToEndSeconds() + 30),
						Duration.ofMillis(100), () -> {
							if (!producer.isAlive()) {
								throw new Poll.Abort("The producer-service exited, see " + this.settings.logs());
							}
							return System.nanoTime() >= end && this.broker.endOffsets(topic) > 0;
						});
			}
			total = this.broker.endOffsets(topic);
			Poll.until(total + " letters applied", Duration.ofSeconds(120), Duration.ofMillis(250),
					() -> consumer.metric("alphabet_messages_applied_total", "") >= total
							|| this.broker.committedOffsets(topic, topic) >= total);
		}
		List<ReceivedMessages.Row> rows = ReceivedMessages.read(url, "sa");
		rows.sort(java.util.Comparator.comparingLong(ReceivedMessages.Row::sentAt));
		List<ReceivedMessages.Row> measured = rows.subList((int) (rows.size() * WARM_UP_SHARE), rows.size());
		double[] latencies = measured.stream()
			.mapToDouble((row) -> (row.receivedAt() - row.sentAt()) / 1000.0)
			.toArray();
		double seconds = (measured.get(measured.size() - 1).sentAt() - measured.get(0).sentAt()) / 1e6;
		this.results.add(key + ".rate",
				label + ": achieved rate (producer interval " + this.settings.endToEndInterval() + ")", "letters/s",
				(measured.size() - 1) / seconds);
		this.results.add(key + ".p50", label + ": p50 sentAt to commit", "ms", Stats.percentile(latencies, 50));
		this.results.add(key + ".p99", label + ": p99 sentAt to commit", "ms", Stats.percentile(latencies, 99));
		this.results.add(key + ".p999", label + ": p99.9 sentAt to commit", "ms", Stats.percentile(latencies, 99.9));
		this.results.add(key + ".lost", label + ": topic records not in the store", "records", total - rows.size());
	}

}
