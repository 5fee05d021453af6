package dev.alphabets.benchmarks;

import java.time.Instant;
import java.util.Locale;

import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The baseline for a sender that waits for each acknowledgement: Kafka's own client with
 * the producer-service's settings, {@code send(...).get()} one record at a time. A
 * reference for the serial design, kept to a small count. Run as its own process, like
 * ProducerPerformance; prints one {@code RESULT} line.
 */
public final class SyncProducer {

	private SyncProducer() {
	}

	/**
	 * @param args the topic, the record count, then the client settings as
	 * {@code name=value}
	 */
	public static void main(String[] args) {
		String topic = args[0];
		int count = Integer.parseInt(args[1]);
		double[] latencies = new double[count];
		try (KafkaProducer<String, byte[]> producer = Clients.producer(OwnClients.settings(args, 2))) {
			// One acknowledged send first, so that metadata and the producer id are not
			// measured.
			Clients.sendAndWait(producer, topic, "warm-up", 0);
			long start = System.nanoTime();
			for (int n = 0; n < count; n++) {
				latencies[n] = Clients.sendAndWait(producer, topic, topic, n) / 1e6;
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			long bytes = (long) count * WireLetters.record(topic, topic, 0, Instant.now()).value().length;
			// Standard output is this child process's answer to the runner (PerfTools
			// parses it), not a log.
			System.out.printf(Locale.ROOT, "RESULT records/s=%.1f MB/s=%.3f p50=%.2f p99=%.2f p99.9=%.2f%n",
					count / seconds, bytes / seconds / 1024 / 1024, Stats.percentile(latencies, 50),
					Stats.percentile(latencies, 99), Stats.percentile(latencies, 99.9));
		}
	}

}
