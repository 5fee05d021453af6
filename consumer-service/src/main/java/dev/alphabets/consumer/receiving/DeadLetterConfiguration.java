package dev.alphabets.consumer.receiving;

import java.util.Map;

import dev.alphabets.consumer.AlphabetProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Topics and the dead-letter publisher: records that can never be applied go to the
 * dead-letter topic, on their original partition, with their original bytes.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterConfiguration.class);

	@Bean
	NewTopic alphabetsTopic(AlphabetProperties properties) {
		return topic(properties.topic(), properties);
	}

	@Bean
	NewTopic deadLetterTopic(AlphabetProperties properties) {
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

	/**
	 * The only producer of this service writes dead letters: poison pills carry their
	 * original {@code byte[]}, anything else the deserialized key and value (see
	 * spring-kafka issue #4040 for the loop a plain JSON serializer causes).
	 * @return the customizer of Boot's producer factory
	 */
	@Bean
	@SuppressWarnings("unchecked")
	DefaultKafkaProducerFactoryCustomizer deadLetterSerializers() {
		return (producerFactory) -> {
			DefaultKafkaProducerFactory<Object, Object> factory = (DefaultKafkaProducerFactory<Object, Object>) producerFactory;
			factory.setKeySerializer(new DelegatingByTypeSerializer(
					Map.of(byte[].class, new ByteArraySerializer(), String.class, new StringSerializer())));
			factory.setValueSerializer(new DelegatingByTypeSerializer(
					Map.of(byte[].class, new ByteArraySerializer(), Letter.class, new JacksonJsonSerializer<>())));
		};
	}

	@Bean
	DeadLetterPublishingRecoverer deadLetterPublishingRecoverer(KafkaTemplate<Object, Object> template,
			AlphabetProperties properties, ReceivingMetrics metrics) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, exception) -> new TopicPartition(properties.deadLetterTopic(), record.partition())) {

			@Override
			public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
				super.accept(record, consumer, exception);
				metrics.deadLettered();
				DeadLetterConfiguration.logger.error("Dead-lettered key={} topic={} partition={} offset={} to {}: {}",
						record.key(), record.topic(), record.partition(), record.offset(), properties.deadLetterTopic(),
						ErrorHandlerConfiguration.rootMessage(exception));
			}

		};
		return recoverer;
	}

}
