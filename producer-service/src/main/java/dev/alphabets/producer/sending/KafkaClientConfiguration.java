package dev.alphabets.producer.sending;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.ProducerListener;

/**
 * Adjusts Boot's Kafka producer where a property cannot: the host name as client id, and
 * an error listener that reports whether each client error is fatal.
 */
@Configuration(proxyBeanMethods = false)
class KafkaClientConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(KafkaClientConfiguration.class);

	@Bean
	DefaultKafkaProducerFactoryCustomizer zeroPhysicalCloseTimeout() {
		// The failure policy closes the producer on the first failed send; a zero timeout
		// aborts the batches not yet sent instead of letting them be written after the
		// failed one. A clean stop drains the window before the factory closes.
		return (factory) -> factory.setPhysicalCloseTimeout(0);
	}

	/**
	 * Checks the producer settings at start-up, without contacting a broker: Kafka's own
	 * validation (such as {@code acks} against {@code enable.idempotence}) runs when the
	 * configuration is parsed, and the client is otherwise only created at the first
	 * send.
	 * @param producers the producer factory
	 * @return the check, run once every bean exists
	 */
	@Bean
	SmartInitializingSingleton producerSettingsCheck(ProducerFactory<?, ?> producers) {
		return () -> {
			try {
				new ProducerConfig(producers.getConfigurationProperties());
			}
			catch (ConfigException ex) {
				throw new IllegalStateException(
						"Invalid Kafka producer setting (spring.kafka.producer.*): " + ex.getMessage(), ex);
			}
		};
	}

	@Bean
	DefaultKafkaProducerFactoryCustomizer hostNameClientId(KafkaProperties kafka) {
		return (factory) -> {
			if (kafka.getClientId() == null && kafka.getProducer().getClientId() == null) {
				// The factory keeps client.id as a prefix and numbers each producer it
				// creates.
				factory.updateConfigs(Map.of(ProducerConfig.CLIENT_ID_CONFIG, hostName()));
			}
		};
	}

	@Bean
	ProducerListener<Object, Object> errorReportingProducerListener() {
		return new ProducerListener<>() {

			@Override
			public void onError(ProducerRecord<Object, Object> record, RecordMetadata metadata, Exception exception) {
				Header id = record.headers().lastHeader(LetterPublisher.MESSAGE_ID_HEADER);
				// One failure fails the whole window: the failure policy logs the first
				// at WARN, every record here at DEBUG.
				logger.debug("Kafka client error topic={} key={} messageId={} fatal={}: {}", record.topic(),
						record.key(), (id != null) ? new String(id.value(), StandardCharsets.UTF_8) : null,
						!SendErrors.isRetriable(exception), SendErrors.rootCause(exception).toString());
			}

		};
	}

	private static String hostName() {
		String fromEnvironment = System.getenv("HOSTNAME");
		if (fromEnvironment != null && !fromEnvironment.isBlank()) {
			return fromEnvironment;
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "producer-service";
		}
	}

}
