package dev.alphabets.consumer.receiving;

import java.time.Duration;

import dev.alphabets.consumer.AlphabetProperties;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whichever service starts first creates the topics, so the consumer declares them with
 * the same durability settings as the producer.
 */
class TopicDeclarationTests {

	private final AlphabetProperties properties = new AlphabetProperties("letters", "letters-dlt", 6, (short) 3, 2, 2,
			Duration.ofSeconds(2), new AlphabetProperties.BackOff(Duration.ofMillis(500), 2.0, Duration.ofSeconds(30)));

	private final DeadLetterConfiguration configuration = new DeadLetterConfiguration();

	@Test
	void bothTopicsAreDeclaredWithMinInsyncReplicasAndNoUncleanElection() {
		for (NewTopic topic : new NewTopic[] { this.configuration.alphabetsTopic(this.properties),
				this.configuration.deadLetterTopic(this.properties) }) {
			assertThat(topic.numPartitions()).isEqualTo(6);
			assertThat(topic.replicationFactor()).isEqualTo((short) 3);
			assertThat(topic.configs()).containsEntry("min.insync.replicas", "2")
				.containsEntry("unclean.leader.election.enable", "false");
		}
		assertThat(this.configuration.alphabetsTopic(this.properties).name()).isEqualTo("letters");
		assertThat(this.configuration.deadLetterTopic(this.properties).name()).isEqualTo("letters-dlt");
	}

}
