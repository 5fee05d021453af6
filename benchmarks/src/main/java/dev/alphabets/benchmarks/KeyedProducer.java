package dev.alphabets.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * ProducerPerformance's loop with the service's records: the plain client, sends with a
 * callback and no blocking {@code get()}, keyed as the producer-service keys them (one
 * sequence id per 26 letters, with the {@code message-id} header). ProducerPerformance
 * has no option for keys, and keys change how records spread over partitions and batches.
 * Timed as ProducerPerformance times itself: from before the first send to the end of
 * {@code close()}, which waits for every acknowledgement. Run as its own process; prints
 * one {@code RESULT} line.
 */
public final class KeyedProducer {

	private KeyedProducer() {
	}

	/**
	 * @param args the topic, the record count, then the client settings as
	 * {@code name=value}
	 */
	public static void main(String[] args) {
		String topic = args[0];
		int count = Integer.parseInt(args[1]);
		Map<String, Object> settings = OwnClients.settings(args, 2);
		// Built before the clock starts, like ProducerPerformance's payloads.
		List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
		Instant now = Instant.now();
		for (int n = 0; n < count; n++) {
			records.add(WireLetters.record(topic, topic, n, now));
		}
		double[] latencies = new double[count];
		AtomicLong failed = new AtomicLong();
		KafkaProducer<String, byte[]> producer = Clients.producer(settings);
		long start = System.nanoTime();
		for (int n = 0; n < count; n++) {
			int i = n;
			long sent = System.nanoTime();
			producer.send(records.get(n), (metadata, exception) -> {
				latencies[i] = (System.nanoTime() - sent) / 1e6;
				if (exception != null) {
					failed.incrementAndGet();
				}
			});
		}
		producer.close();
		double seconds = (System.nanoTime() - start) / 1e9;
		if (failed.get() > 0) {
			throw new IllegalStateException(failed.get() + " of " + count + " sends failed");
		}
		long bytes = records.stream().mapToLong((record) -> record.value().length).sum();
		// Standard output is this child process's answer to the runner (PerfTools parses
		// it), not a log.
		System.out.printf(Locale.ROOT, "RESULT records/s=%.1f MB/s=%.3f p50=%.2f p99=%.2f p99.9=%.2f%n",
				count / seconds, bytes / seconds / 1024 / 1024, Stats.percentile(latencies, 50),
				Stats.percentile(latencies, 99), Stats.percentile(latencies, 99.9));
	}

}
