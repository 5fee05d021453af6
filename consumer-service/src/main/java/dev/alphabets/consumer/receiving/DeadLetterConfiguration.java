package dev.alphabets.consumer.receiving;

import dev.alphabets.consumer.AlphabetProperties;
import dev.alphabets.consumer.health.DeadLettersHealthIndicator;
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
			AlphabetProperties properties, ReceivingMetrics metrics, DeadLettersHealthIndicator health) {
		return new DeadLetterPublishingRecoverer(template,
				(record, exception) -> new TopicPartition(properties.deadLetterTopic(), record.partition())) {

			@Override
			public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
				try {
					super.accept(record, consumer, exception);
				}
				catch (RuntimeException ex) {
					// Not written (a missing ACL, an outage): the caller retries and the
					// partition stays on this record; readiness says why meanwhile.
					health.blocked(record.topic(), record.partition(), record.offset(),
							ErrorHandlerConfiguration.rootMessage(ex));
					// A refused idempotent producer (ClusterAuthorizationException once
					// this principal may write no topic) stays failed for good: the
					// next attempt gets a new one.
					template.getProducerFactory().reset();
					throw ex;
				}
				health.cleared(record.topic(), record.partition());
				metrics.deadLettered();
				DeadLetterConfiguration.logger.error("Dead-lettered key={} topic={} partition={} offset={} to {}: {}",
						ErrorHandlerConfiguration.key(record), record.topic(), record.partition(), record.offset(),
						properties.deadLetterTopic(), ErrorHandlerConfiguration.rootMessage(exception));
			}

		};
	}

}
