package dev.alphabets.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Notes when each record of some topics becomes readable, with one plain consumer in no
 * group polling in a thread of its own. A consumer reads only up to the high watermark,
 * which moves when every in-sync replica has a record: the moment the leader acknowledges
 * an {@code acks=all} send. The gaps between these times are gaps between
 * acknowledgements, seen the same way for any sender.
 */
final class CommitWatcher implements AutoCloseable {

	/**
	 * One record and when this watcher first read it.
	 *
	 * @param topic the topic
	 * @param partition the partition
	 * @param offset the offset
	 * @param epochMillis when the poll that returned it came back
	 * @param index the letter's index in its round (the value's {@code index}), or -1
	 */
	record Readable(String topic, int partition, long offset, long epochMillis, int index) {
	}

	private static final Pattern INDEX = Pattern.compile("\"index\":(\\d+)");

	private final List<Readable> seen = new ArrayList<>();

	private final Thread thread;

	private volatile boolean running = true;

	private volatile RuntimeException failure;

	CommitWatcher(String bootstrapServers, List<String> topics) {
		List<TopicPartition> partitions = topics.stream()
			.flatMap((topic) -> IntStream.range(0, Broker.PARTITIONS)
				.mapToObj((partition) -> new TopicPartition(topic, partition)))
			.toList();
		this.thread = new Thread(() -> watch(bootstrapServers, partitions), "commit-watcher");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	private void watch(String bootstrapServers, List<TopicPartition> partitions) {
		// Short back-offs: after the kill the watcher must find the new leader within
		// milliseconds, or its own fail-over (up to 1 s with the defaults) would count as
		// the senders' stall.
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.RETRY_BACKOFF_MS_CONFIG, 20, ConsumerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 50,
				ConsumerConfig.RECONNECT_BACKOFF_MS_CONFIG, 20, ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 50);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (this.running) {
				Iterable<ConsumerRecord<byte[], byte[]>> records = consumer.poll(Duration.ofMillis(100));
				long now = System.currentTimeMillis();
				synchronized (this.seen) {
					for (ConsumerRecord<byte[], byte[]> record : records) {
						this.seen.add(new Readable(record.topic(), record.partition(), record.offset(), now,
								index(record.value())));
					}
				}
			}
		}
		catch (RuntimeException ex) {
			this.failure = ex;
		}
	}

	/**
	 * The letter index in a wire-format value, or -1.
	 */
	static int index(byte[] value) {
		Matcher index = INDEX.matcher(new String(value, StandardCharsets.UTF_8));
		return index.find() ? Integer.parseInt(index.group(1)) : -1;
	}

	/**
	 * The last record of a topic the watcher has read.
	 * @throws IllegalStateException if it has read none
	 */
	Readable latest(String topic) {
		List<Readable> readable = readable(topic);
		if (readable.isEmpty()) {
			throw new IllegalStateException("Nothing readable in " + topic + " yet");
		}
		return readable.get(readable.size() - 1);
	}

	/**
	 * What the watcher has read of a topic so far.
	 */
	List<Readable> readable(String topic) {
		synchronized (this.seen) {
			return this.seen.stream().filter((record) -> record.topic().equals(topic)).toList();
		}
	}

	/**
	 * Stops the watcher.
	 * @throws IllegalStateException if its consumer failed
	 */
	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(Duration.ofSeconds(30).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.failure != null) {
			throw new IllegalStateException("The commit watcher failed", this.failure);
		}
	}

}
