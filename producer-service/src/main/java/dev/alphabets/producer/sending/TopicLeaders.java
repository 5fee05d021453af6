package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.alphabets.producer.AlphabetProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Waits until the leader of every partition of the topic answers for it, before letters
 * go to a topic that may have been created a moment ago. Until the leader has applied a
 * new partition, an idempotent producer's first batch gets NOT_LEADER_OR_FOLLOWER while a
 * later batch of the same partition can be appended first: a broker with no producer
 * state on an empty partition accepts any first sequence (KAFKA-15591, fixed after Kafka
 * 4.1), and the letters of a sequence would be written out of order.
 */
@Component
class TopicLeaders {

	private static final Logger logger = LoggerFactory.getLogger(TopicLeaders.class);

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(2);

	private final Map<String, Object> config;

	private final String topic;

	private final Duration timeout;

	@Autowired
	TopicLeaders(KafkaAdmin admin, AlphabetProperties properties) {
		this(admin.getConfigurationProperties(), properties.topic(), Duration.ofSeconds(30));
	}

	/**
	 * @param adminConfig the admin client's settings (bootstrap servers, security)
	 * @param topic the topic
	 * @param timeout the longest to wait; past it sending goes on, and a failed send is
	 * handled as any other
	 */
	TopicLeaders(Map<String, Object> adminConfig, String topic, Duration timeout) {
		this.config = new HashMap<>(adminConfig);
		this.config.put(AdminClientConfig.CLIENT_ID_CONFIG, "alphabet-sender-leaders");
		this.config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT.toMillis());
		this.config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ATTEMPT_TIMEOUT.toMillis());
		this.topic = topic;
		this.timeout = timeout;
	}

	/**
	 * Asks each partition's leader for the partition's end offset, which only a leader
	 * that holds the partition answers, until every one has answered.
	 * @param pause waits between attempts; returns false when the sender stops
	 * @return whether every leader answered in time
	 */
	boolean await(Pause pause) throws InterruptedException {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		String last = null;
		Admin created;
		try {
			created = Admin.create(this.config);
		}
		catch (KafkaException ex) {
			// No bootstrap server resolves: the first send fails the same way, and the
			// sender's own retry takes over from there.
			logger.warn("Cannot ask the leaders of topic={}: {}", this.topic, ex.getMessage());
			return false;
		}
		try (Admin admin = created) {
			while (true) {
				try {
					int partitions = admin.describeTopics(List.of(this.topic))
						.allTopicNames()
						.get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
						.get(this.topic)
						.partitions()
						.size();
					Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
					for (int partition = 0; partition < partitions; partition++) {
						ends.put(new TopicPartition(this.topic, partition), OffsetSpec.latest());
					}
					admin.listOffsets(ends).all().get(ATTEMPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
					return true;
				}
				catch (InterruptedException ex) {
					throw ex;
				}
				catch (Exception ex) {
					last = String.valueOf(ex.getMessage());
				}
				if (System.nanoTime() - deadline > 0 || !pause.pause(Duration.ofMillis(100))) {
					logger.warn("Not every partition of topic={} has a leader that answers after {}: {}", this.topic,
							this.timeout, last);
					return false;
				}
			}
		}
	}

	/** A wait that a stopping sender cuts short. */
	@FunctionalInterface
	interface Pause {

		/**
		 * @param duration how long
		 * @return false if the sender stopped meanwhile
		 */
		boolean pause(Duration duration) throws InterruptedException;

	}

}
