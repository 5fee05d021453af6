package dev.alphabets.producer.sending;

import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Creates the declared topics again when a send failed because they are missing, as they
 * are when the broker was down while the application started, and makes sure the topic's
 * partitions have leaders that answer before letters go to them.
 */
@Component
class MissingTopics {

	private static final Logger logger = LoggerFactory.getLogger(MissingTopics.class);

	private final KafkaAdmin admin;

	private final TopicLeaders leaders;

	MissingTopics(KafkaAdmin admin, TopicLeaders leaders) {
		this.admin = admin;
		this.leaders = leaders;
	}

	/**
	 * Creates the topics if the failure says they are missing, and then waits until their
	 * leaders answer, so that the letters sent next go to a partition its leader holds.
	 * @param failure the failed send
	 * @param pause waits between attempts; returns false when the sender stops
	 */
	void createIfMissing(SendFailedException failure, TopicLeaders.Pause pause) throws InterruptedException {
		if (failure.getCause() instanceof UnknownTopicOrPartitionException
				|| String.valueOf(failure.getMessage()).contains("not present in metadata")) {
			try {
				this.admin.initialize();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not check the topics yet: {}", ex.getMessage());
				return;
			}
			this.leaders.await(pause);
		}
	}

	/**
	 * Waits until the leader of every partition answers, before the first letter.
	 * @param pause waits between attempts; returns false when the sender stops
	 */
	void awaitLeaders(TopicLeaders.Pause pause) throws InterruptedException {
		this.leaders.await(pause);
	}

}
