package dev.alphabets.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Raw Kafka producers: the pre-fill of a topic that the consume measurements read, and
 * one blocking send.
 */
final class Clients {

	private Clients() {
	}

	static KafkaProducer<String, byte[]> producer(Map<String, Object> settings) {
		return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
	}

	/**
	 * Writes {@code count} wire-format letters as fast as the client goes and waits for
	 * every acknowledgement.
	 */
	static void prefill(Map<String, Object> client, String topic, int count) {
		// Only fast: what is measured is the reading of the topic.
		Map<String, Object> settings = new HashMap<>(client);
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.LINGER_MS_CONFIG, "5");
		settings.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
		List<Future<RecordMetadata>> sends = new ArrayList<>(count);
		try (KafkaProducer<String, byte[]> producer = producer(settings)) {
			Instant now = Instant.now();
			for (int n = 0; n < count; n++) {
				sends.add(producer.send(WireLetters.record(topic, topic, n, now)));
			}
			for (Future<RecordMetadata> send : sends) {
				send.get(130, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Pre-filling " + topic + " failed", ex);
		}
	}

	/**
	 * Blocks on one send, as the producer-service does.
	 */
	static long sendAndWait(KafkaProducer<String, byte[]> producer, String topic, String run, long n) {
		long start = System.nanoTime();
		try {
			producer.send(WireLetters.record(topic, run, n, Instant.now())).get(130, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Send " + n + " failed", ex);
		}
		return System.nanoTime() - start;
	}

}
