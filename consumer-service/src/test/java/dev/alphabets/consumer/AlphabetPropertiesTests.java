package dev.alphabets.consumer;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code alphabet.*} settings have working defaults, and a bad value fails start-up
 * naming the property.
 */
class AlphabetPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsNameTheTopicsAndACappedBackOff() {
		this.runner.run((context) -> {
			AlphabetProperties properties = context.getBean(AlphabetProperties.class);
			assertThat(properties.topic()).isEqualTo("alphabets");
			assertThat(properties.deadLetterTopic()).isEqualTo("alphabets-dlt");
			assertThat(properties.partitions()).isEqualTo(3);
			assertThat(properties.minBrokers()).isEqualTo(1);
			assertThat(properties.minInsyncReplicas()).isEqualTo(1);
			assertThat(properties.healthTimeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.backOff().initialInterval()).isEqualTo(Duration.ofMillis(500));
			assertThat(properties.backOff().multiplier()).isEqualTo(2.0);
			assertThat(properties.backOff().maxInterval()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.delivery()).isEqualTo(Delivery.EXACTLY_ONCE);
			assertThat(properties.instanceId()).isNull();
		});
	}

	@Test
	void eachDeliveryModelIsReadFromItsName() {
		this.runner.withPropertyValues("alphabet.delivery=at-most-once")
			.run((context) -> assertThat(context.getBean(AlphabetProperties.class).delivery())
				.isEqualTo(Delivery.AT_MOST_ONCE));
		this.runner.withPropertyValues("alphabet.delivery=at-least-once")
			.run((context) -> assertThat(context.getBean(AlphabetProperties.class).delivery())
				.isEqualTo(Delivery.AT_LEAST_ONCE));
	}

	@Test
	void anUnknownDeliveryModelFailsStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.delivery=twice", "alphabet.delivery");
	}

	@Test
	void anInstanceIdWithASpaceFailsStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.instance-id=consumer 1", "alphabet.instanceId");
	}

	@Test
	void aBlankTopicFailsStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.topic= ", "alphabet.topic");
	}

	@Test
	void aMultiplierBelowOneFailsStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.back-off.multiplier=0.5", "alphabet.backOff.multiplier");
	}

	@Test
	void zeroPartitionsFailStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.partitions=0", "alphabet.partitions");
	}

	@Test
	void minInsyncReplicasAboveTheReplicationFactorFailsStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.min-insync-replicas=2", "alphabet.min-insync-replicas");
	}

	@Test
	void aMaxIntervalBelowTheInitialIntervalFailsStartUp() {
		assertStartUpFails("alphabet.back-off.max-interval=10ms", "must not be shorter than initial-interval");
	}

	@Test
	void aDurationThatIsNotADurationFailsStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.health-timeout=soon", "alphabet.health-timeout");
	}

	private void assertStartUpFails(String property, String expected) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			StringBuilder messages = new StringBuilder();
			for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
				messages.append(cause.getMessage()).append('\n');
			}
			assertThat(messages.toString()).contains(expected);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AlphabetProperties.class)
	static class PropertiesConfiguration {

	}

}
