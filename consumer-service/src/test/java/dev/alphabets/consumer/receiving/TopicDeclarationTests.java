package dev.alphabets.consumer.receiving;

import java.time.Duration;

import dev.alphabets.consumer.AlphabetProperties;
import dev.alphabets.consumer.Delivery;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consumer declares its own dead-letter topic with the producer's durability
 * settings, and not the letters' topic, which is the producer's.
 */
class TopicDeclarationTests {

	private final AlphabetProperties properties = new AlphabetProperties("letters", "letters-dlt", 6, (short) 3, 2, 2,
			Duration.ofSeconds(2), new AlphabetProperties.BackOff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(30)),
			new AlphabetProperties.Operator("operator", null), Delivery.EXACTLY_ONCE, null);

	private final DeadLetterConfiguration configuration = new DeadLetterConfiguration();

	@Test
	void theDeadLetterTopicIsDeclaredWithMinInsyncReplicasAndNoUncleanElection() {
		NewTopic topic = this.configuration.deadLetterTopic(this.properties);
		assertThat(topic.name()).isEqualTo("letters-dlt");
		assertThat(topic.numPartitions()).isEqualTo(6);
		assertThat(topic.replicationFactor()).isEqualTo((short) 3);
		assertThat(topic.configs()).containsEntry("min.insync.replicas", "2")
			.containsEntry("unclean.leader.election.enable", "false");
	}

	@Test
	void theLettersTopicIsNotDeclared() {
		assertThat(DeadLetterConfiguration.class.getDeclaredMethods())
			.filteredOn((m) -> m.getReturnType() == NewTopic.class)
			.hasSize(1);
	}

}
