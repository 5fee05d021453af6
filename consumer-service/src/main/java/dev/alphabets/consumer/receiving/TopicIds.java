package dev.alphabets.consumer.receiving;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.alphabets.consumer.sequences.ConsumerOffsets;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Looks up the ids the cluster gave the topics read (a new id each time a topic of that
 * name is created), through one long-lived {@link AdminClient}, created on first use: it
 * cannot be created while no bootstrap server name resolves.
 */
@Component
class TopicIds implements ConsumerOffsets.TopicIdLookup, DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(TopicIds.class);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Map<String, Object> config;

	private AdminClient adminClient;

	private boolean closed;

	TopicIds(KafkaAdmin kafkaAdmin) {
		this.config = Map.copyOf(kafkaAdmin.getConfigurationProperties());
	}

	/**
	 * The current id of each topic.
	 * @param topics the topics' names
	 * @return each topic's id, as its string form
	 * @throws Exception when the cluster does not answer in time or a topic is unknown
	 */
	Map<String, String> of(Collection<String> topics) throws Exception {
		Map<String, TopicDescription> described = adminClient()
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

	private synchronized AdminClient adminClient() {
		Assert.state(!this.closed, "Shutting down");
		if (this.adminClient == null) {
			this.adminClient = AdminClient.create(this.config);
		}
		return this.adminClient;
	}

	@Override
	public synchronized void destroy() {
		this.closed = true;
		if (this.adminClient != null) {
			this.adminClient.close(TIMEOUT);
		}
	}

}
