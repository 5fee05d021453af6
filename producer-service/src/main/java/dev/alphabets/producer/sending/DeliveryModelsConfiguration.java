package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.TopicConfig;

import dev.alphabets.producer.AlphabetProperties;
import dev.alphabets.producer.DeliveryModel;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.core.TransactionIdSuffixStrategy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The senders of the at-most-once and exactly-once models ({@code alphabet.delivery}),
 * with the client settings each model needs, applied to Boot's producer factory. The
 * at-least-once sender is assembled by {@link SenderConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryModelsConfiguration {

	/** Every transactional id of this application starts with it (then the sender id). */
	static final String TRANSACTIONAL_ID_PREFIX = "alphabets-tx-";

	@Bean
	@ConditionalOnDelivery(DeliveryModel.AT_MOST_ONCE)
	DefaultKafkaProducerFactoryCustomizer atMostOnceClient() {
		// No retries and no idempotence: a letter is written once or not at all. acks=1
		// rather than the classic acks=0: the leader's answer is what lets a lost letter
		// be logged and counted (with acks=0 the client never hears of a failure), and
		// without retries it cannot turn into a second copy.
		return (factory) -> factory.updateConfigs(Map.of(ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.RETRIES_CONFIG,
				0, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false));
	}

	@Bean
	@ConditionalOnDelivery(DeliveryModel.AT_MOST_ONCE)
	AtMostOnceSender atMostOnceSender(AlphabetProperties properties, JdbcClient jdbc, LetterPublisher publisher,
			SenderProgressRepository progress, TransactionTemplate transactions, MeterRegistry meters) {
		return new AtMostOnceSender(properties,
				new SenderLease(jdbc, properties.sender().id(), properties.sender().leaseTtl()), publisher, progress,
				transactions, meters);
	}

	@Bean
	@ConditionalOnDelivery(DeliveryModel.EXACTLY_ONCE)
	DefaultKafkaProducerFactoryCustomizer exactlyOnceClient(AlphabetProperties properties) {
		// Set here rather than as spring.kafka.producer.transaction-id-prefix, which
		// would
		// also make Boot register a KafkaTransactionManager beside the database's. No
		// suffix: one stable id per sender, so a restarted or duplicate instance fences
		// the old one.
		return (factory) -> {
			factory.setTransactionIdPrefix(transactionalId(properties));
			factory.setTransactionIdSuffixStrategy(new TransactionIdSuffixStrategy() {

				@Override
				public String acquireSuffix(String prefix) {
					return "";
				}

				@Override
				public void releaseSuffix(String prefix, String suffix) {
				}

			});
		};
	}

	@Bean
	@ConditionalOnDelivery(DeliveryModel.EXACTLY_ONCE)
	SmartInitializingSingleton exactlyOnceSettingsCheck(ProducerFactory<?, ?> producers,
			AlphabetProperties properties) {
		return () -> {
			Map<String, Object> config = new HashMap<>(producers.getConfigurationProperties());
			config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId(properties));
			try {
				new ProducerConfig(config);
			}
			catch (ConfigException ex) {
				throw new IllegalStateException("Invalid Kafka producer setting for alphabet.delivery=exactly-once"
						+ " (spring.kafka.producer.*): " + ex.getMessage(), ex);
			}
		};
	}

	@Bean
	@ConditionalOnDelivery(DeliveryModel.EXACTLY_ONCE)
	NewTopic senderPositionTopic(AlphabetProperties properties) {
		return TopicBuilder.name(properties.sender().positionTopic())
			.partitions(1)
			.replicas(properties.replicationFactor())
			.compact()
			.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(properties.minInsyncReplicas()))
			.config(TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false")
			// Small segments, so compaction keeps what a start-up reads back short.
			.config(TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(1024 * 1024))
			.build();
	}

	@Bean
	@ConditionalOnDelivery(DeliveryModel.EXACTLY_ONCE)
	TransactionalSender transactionalSender(AlphabetProperties properties, KafkaTemplate<Object, Object> template,
			KafkaProperties kafka, LetterPublisher publisher, SenderProgressRepository progress, FailureStore failures,
			JdbcClient jdbc, MeterRegistry meters) {
		// Operator replays are single letters outside the sender's transactions.
		template.setAllowNonTransactional(true);
		AlphabetProperties.Sender sender = properties.sender();
		PositionTopic positions = new PositionTopic(kafka.buildConsumerProperties(), sender.positionTopic(),
				Duration.ofSeconds(10));
		TransactionRecovery recovery = new TransactionRecovery(template.getProducerFactory(), positions, progress,
				failures, sender.id(), properties.topic(), transactionalId(properties));
		return new TransactionalSender(properties, new SenderLease(jdbc, sender.id(), sender.leaseTtl()), template,
				publisher, positions, recovery, failures, meters);
	}

	private static String transactionalId(AlphabetProperties properties) {
		return TRANSACTIONAL_ID_PREFIX + properties.sender().id();
	}

}
