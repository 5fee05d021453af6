package dev.alphabets.consumer.receiving;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * What Boot's properties cannot say about the listener container.
 */
@Configuration(proxyBeanMethods = false)
class ListenerContainerConfiguration {

	/**
	 * Kafka's committed offsets only follow the positions stored in the database with the
	 * letters (for lag tools), so they are committed without waiting. With observation on
	 * ({@code spring.kafka.listener.observation-enabled}), a batch listener gets no
	 * observation unless each record gets one: a consumer span per record, a child of the
	 * producer's span from its {@code traceparent} header.
	 * @return the customizer Boot applies to the container it builds
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asyncCommits() {
		return (container) -> {
			container.getContainerProperties().setSyncCommits(false);
			container.getContainerProperties().setRecordObservationsInBatch(true);
		};
	}

}
