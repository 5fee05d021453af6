package dev.alphabets.producer.sending;

import java.util.Map;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Keeps the template's observation from asking the cluster for its id on the sending
 * thread. With observation on, {@code KafkaTemplate} names the cluster in each span and
 * looks its id up through a {@code KafkaAdmin} until one lookup succeeds: while the
 * brokers are away (a producer started during an outage) every send then waited for the
 * admin's operation timeout (10 s) before it was even handed to the client, and the
 * sender's retries of a PENDING letter slowed down accordingly. The spans name the remote
 * service "Apache Kafka" without the cluster id instead.
 */
@Configuration(proxyBeanMethods = false)
class TemplateObservationConfiguration {

	@Bean
	static BeanPostProcessor templateWithoutClusterIdLookup() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof KafkaTemplate<?, ?> template) {
					template.setKafkaAdmin(new NoClusterId());
				}
				return bean;
			}

		};
	}

	/** An admin that is never asked anything but the cluster id, and does not know it. */
	private static final class NoClusterId extends KafkaAdmin {

		NoClusterId() {
			super(Map.of());
		}

		@Override
		public String clusterId() {
			return null;
		}

	}

}
