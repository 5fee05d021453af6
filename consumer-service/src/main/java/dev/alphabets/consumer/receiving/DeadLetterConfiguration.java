package dev.alphabets.consumer.receiving;

import dev.alphabets.consumer.AlphabetProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * The dead-letter topic and its publisher: records that can never be applied go to the
 * dead-letter topic, on their original partition, with the key and value bytes they
 * arrived with (the listener receives bytes and the producer writes bytes).
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterConfiguration.class);

	/**
	 * The consumer owns its dead-letter topic. The letters' topic is the producer's: the
	 * consumer does not declare it, so two services can never disagree on its partitions.
	 * @param properties the settings
	 * @return the dead-letter topic
	 */
	@Bean
	NewTopic deadLetterTopic(AlphabetProperties properties) {
		return TopicBuilder.name(properties.deadLetterTopic())
			.partitions(properties.partitions())
			.replicas(properties.replicationFactor())
			.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.minInsyncReplicas()))
			.config(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false")
			.build();
	}

	@Bean
	DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<Object, Object> template,
			AlphabetProperties properties, ReceivingMetrics metrics) {
		return new DeadLetterPublishingRecoverer(template,
				(record, exception) -> new TopicPartition(properties.deadLetterTopic(), record.partition())) {

			@Override
			public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
				super.accept(record, consumer, exception);
				metrics.deadLettered();
				DeadLetterConfiguration.logger.error("Dead-lettered key={} topic={} partition={} offset={} to {}: {}",
						ErrorHandlerConfiguration.key(record), record.topic(), record.partition(), record.offset(),
						properties.deadLetterTopic(), ErrorHandlerConfiguration.rootMessage(exception));
			}

		};
	}

}
