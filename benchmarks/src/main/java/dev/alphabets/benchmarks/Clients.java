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
 * Raw Kafka producers: the settings both sides share, and the pre-fill of a topic that
 * the consume measurements read.
 */
final class Clients {

	private Clients() {
	}

	/**
	 * The producer-service's client settings (its application.yml), as Kafka properties.
	 */
	static Map<String, Object> serviceProducerSettings(String bootstrapServers) {
		Map<String, Object> settings = new HashMap<>();
		settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		settings.put(ProducerConfig.ACKS_CONFIG, "all");
		settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
		settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
		settings.put(ProducerConfig.LINGER_MS_CONFIG, "0");
		settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
		settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "120000");
		settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
		// Also the service's: after a leader fails, the back-off sets when a send is
		// retried, so the fail-over measurement's two senders must share it.
		settings.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, "1000");
		settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
		return settings;
	}

	static KafkaProducer<String, byte[]> producer(Map<String, Object> settings) {
		return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
	}

	/**
	 * Writes {@code count} wire-format letters as fast as the client goes and waits for
	 * every acknowledgement.
	 */
	static void prefill(String bootstrapServers, String topic, int count) {
		Map<String, Object> settings = serviceProducerSettings(bootstrapServers);
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
