package dev.alphabets.consumer.receiving;

import java.util.Map;

import dev.alphabets.consumer.AlphabetProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The strategy of the delivery model set by {@code alphabet.delivery}, and the isolation
 * level it reads with.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	@Bean
	DeliveryStrategy deliveryStrategy(AlphabetProperties properties) {
		return DeliveryStrategy.of(properties.delivery());
	}

	/**
	 * Only exactly-once reads {@code read_committed}: the other models make no promise
	 * about a transactional producer's aborted writes, and read what the log holds.
	 * @param strategy the delivery model's strategy
	 * @return the customizer Boot applies to its consumer factory
	 */
	@Bean
	DefaultKafkaConsumerFactoryCustomizer isolationLevel(DeliveryStrategy strategy) {
		return (factory) -> factory
			.updateConfigs(Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, strategy.isolationLevel()));
	}

}
