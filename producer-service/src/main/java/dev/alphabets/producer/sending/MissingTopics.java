package dev.alphabets.producer.sending;

import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Creates the declared topics again when a send failed because they are missing, as they
 * are when the broker was down while the application started.
 */
@Component
class MissingTopics {

	private static final Logger logger = LoggerFactory.getLogger(MissingTopics.class);

	private final KafkaAdmin admin;

	MissingTopics(KafkaAdmin admin) {
		this.admin = admin;
	}

	void createIfMissing(SendFailedException failure) {
		if (failure.getCause() instanceof UnknownTopicOrPartitionException
				|| String.valueOf(failure.getMessage()).contains("not present in metadata")) {
			try {
				this.admin.initialize();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not check the topics yet: {}", ex.getMessage());
			}
		}
	}

}
