package dev.alphabets.producer.health;

import java.time.Duration;

import dev.alphabets.producer.AlphabetProperties;
import dev.alphabets.producer.sending.SenderControl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Registers the health indicators that the readiness group is made of (see
 * application.yml).
 */
@Configuration(proxyBeanMethods = false)
class HealthConfiguration {

	@Bean
	KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, AlphabetProperties properties) {
		return new KafkaHealthIndicator(admin.getConfigurationProperties(), Duration.ofSeconds(2),
				properties.minInsyncReplicas());
	}

	@Bean
	SenderHealthIndicator senderHealthIndicator(SenderControl sender) {
		return new SenderHealthIndicator(sender);
	}

}
