package dev.alphabets.producer.sending;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.alphabets.producer.TestApplications;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Each delivery model's client settings are checked at start-up: what one model needs
 * (acks below all in at-most-once) still fails start-up in another, naming the setting.
 */
@EmbeddedKafka
class DeliverySettingsCheckTests {

	@Test
	void acksZeroWithAtLeastOnceShouldFailStartUpNamingAcks() {
		assertThatException()
			.isThrownBy(() -> TestApplications.start(EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
					"acks-zero-" + UUID.randomUUID(), "spring.kafka.producer.acks=0"))
			.withStackTraceContaining("spring.kafka.producer")
			.withStackTraceContaining("acks");
	}

	@Test
	void idempotenceOffWithExactlyOnceShouldFailStartUpNamingIt() {
		assertThatException()
			.isThrownBy(() -> TestApplications.start(EmbeddedKafkaCondition.getBroker().getBrokersAsString(),
					"eos-no-idempotence-" + UUID.randomUUID(), "alphabet.delivery=exactly-once",
					"spring.kafka.producer.properties[enable.idempotence]=false"))
			.withStackTraceContaining("alphabet.delivery=exactly-once")
			.withStackTraceContaining("idempotence");
	}

	@Test
	void atMostOnceShouldStartWhateverAcksTheAtLeastOnceSettingsHold() {
		try (ConfigurableApplicationContext app = TestApplications.start(
				EmbeddedKafkaCondition.getBroker().getBrokersAsString(), "amo-start-" + UUID.randomUUID(),
				"alphabet.delivery=at-most-once", "alphabet.sender.enabled=false")) {
			assertThat(app.getBean(SenderControl.class)).isInstanceOf(AtMostOnceSender.class);
		}
	}

}
