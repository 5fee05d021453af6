package dev.alphabets.consumer.receiving;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.alphabets.consumer.health.SharedAdminClient;
import dev.alphabets.consumer.sequences.ConsumerOffsets;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Looks up the ids the cluster gave the topics read (a new id each time a topic of that
 * name is created), through the service's one long-lived admin client.
 */
@Component
class TopicIds implements ConsumerOffsets.TopicIdLookup {

	private static final Logger logger = LoggerFactory.getLogger(TopicIds.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final SharedAdminClient admin;

	TopicIds(SharedAdminClient admin) {
		this.admin = admin;
	}

	/**
	 * The current id of each topic.
	 * @param topics the topics' names
	 * @return each topic's id, as its string form
	 * @throws Exception when the cluster does not answer in time or a topic is unknown
	 */
	Map<String, String> of(Collection<String> topics) throws Exception {
		Map<String, TopicDescription> described = this.admin.get()
			.describeTopics(topics, new DescribeTopicsOptions().timeoutMs((int) TIMEOUT.toMillis()))
			.allTopicNames()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return described.values()
			.stream()
			.collect(Collectors.toMap(TopicDescription::name, (topic) -> topic.topicId().toString()));
	}

	@Override
	public String currentId(String topic) {
		try {
			return of(List.of(topic)).get(topic);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.warn("Looking up the id of topic {} failed: {}", topic, ErrorHandlerConfiguration.rootMessage(ex));
			return null;
		}
	}

}
