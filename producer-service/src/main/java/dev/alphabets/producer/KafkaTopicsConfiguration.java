package dev.alphabets.producer;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the letters topic and its dead-letter topic, which Boot's {@code KafkaAdmin}
 * creates at start-up.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicsConfiguration {

	@Bean
	NewTopic alphabetsTopic(AlphabetProperties properties) {
		return topic(properties.topic(), properties);
	}

	@Bean
	NewTopic alphabetsDeadLetterTopic(AlphabetProperties properties) {
		return topic(properties.deadLetterTopic(), properties);
	}

	private static NewTopic topic(String name, AlphabetProperties properties) {
		return TopicBuilder.name(name)
			.partitions(properties.partitions())
			.replicas(properties.replicationFactor())
			.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.minInsyncReplicas()))
			.config(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false")
			.build();
	}

}
