package dev.alphabets.producer.sending;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.alphabets.producer.TestApplications;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A producer setting that contradicts explicit idempotence fails start-up, naming the
 * setting, instead of failing the first letter.
 */
@EmbeddedKafka
class ProducerSettingsCheckTests {

	@Test
	void acksOneWithExplicitIdempotenceShouldFailStartUpNamingAcks() {
		assertThatException()
			.isThrownBy(() -> TestApplications.start(EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
					"bad-acks-" + UUID.randomUUID(), "spring.kafka.producer.acks=1"))
			.withStackTraceContaining("spring.kafka.producer")
			.withStackTraceContaining("acks");
	}

	@Test
	void maxInFlightAboveFiveWithExplicitIdempotenceShouldFailStartUp() {
		assertThatException()
			.isThrownBy(() -> TestApplications.start(EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
					"bad-in-flight-" + UUID.randomUUID(),
					"spring.kafka.producer.properties[max.in.flight.requests.per.connection]=6"))
			.withStackTraceContaining("max.in.flight.requests.per.connection");
	}

}
