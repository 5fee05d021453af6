package dev.alphabets.producer;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad {@code alphabet.*} value fails start-up with a message that names the property.
 */
class AlphabetPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsShouldMatchTheDocumentedValues() {
		this.runner.run((context) -> {
			AlphabetProperties properties = context.getBean(AlphabetProperties.class);
			assertThat(properties.topic()).isEqualTo("alphabets");
			assertThat(properties.deadLetterTopic()).isEqualTo("alphabets-dlt");
			assertThat(properties.partitions()).isEqualTo(3);
			assertThat(properties.replicationFactor()).isEqualTo((short) 1);
			assertThat(properties.minInsyncReplicas()).isEqualTo(1);
			assertThat(properties.sender().interval()).isEqualTo(Duration.ofSeconds(2));
			assertThat(properties.sender().enabled()).isTrue();
			assertThat(properties.sender().exitOnPermanentFailure()).isFalse();
			assertThat(properties.operator().enabled()).isFalse();
			assertThat(properties.delivery()).isEqualTo(DeliveryModel.AT_LEAST_ONCE);
			assertThat(properties.sender().positionTopic()).isEqualTo("alphabets-sender-positions");
		});
	}

	@Test
	void deliveryShouldBindEachDocumentedModel() {
		this.runner.withPropertyValues("alphabet.delivery=exactly-once")
			.run((context) -> assertThat(context.getBean(AlphabetProperties.class).delivery())
				.isEqualTo(DeliveryModel.EXACTLY_ONCE));
		this.runner.withPropertyValues("alphabet.delivery=at-most-once")
			.run((context) -> assertThat(context.getBean(AlphabetProperties.class).delivery())
				.isEqualTo(DeliveryModel.AT_MOST_ONCE));
	}

	@Test
	void unknownDeliveryModelShouldFailStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.delivery=twice-maybe", "alphabet.delivery");
	}

	@Test
	void zeroPartitionsShouldFailStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.partitions=0", "alphabet.partitions");
	}

	@Test
	void unparsableIntervalShouldFailStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.sender.interval=soon", "alphabet.sender.interval");
	}

	@Test
	void negativeIntervalShouldFailStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.sender.interval=-1ms", "alphabet.sender.interval");
	}

	@Test
	void zeroIntervalShouldBeAccepted() {
		this.runner.withPropertyValues("alphabet.sender.interval=0")
			.run((context) -> assertThat(context.getBean(AlphabetProperties.class).sender().interval())
				.isEqualTo(Duration.ZERO));
	}

	@Test
	void illegalTopicNameShouldFailStartUpNamingTheProperty() {
		assertStartUpFails("alphabet.topic=no spaces allowed", "alphabet.topic");
	}

	@Test
	void minInsyncReplicasAboveReplicationFactorShouldFailStartUpNamingBothProperties() {
		assertStartUpFails("alphabet.min-insync-replicas=2", "alphabet.min-insync-replicas");
	}

	private void assertStartUpFails(String property, String expectedName) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(expectedName);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AlphabetProperties.class)
	static class PropertiesConfiguration {

	}

}
