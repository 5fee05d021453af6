package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wait before the first letter: it ends once each partition's leader answers for a
 * topic created a moment ago, and gives up, reporting it, for a topic that never appears
 * or when the sender stops.
 */
@EmbeddedKafka
class TopicLeadersTests {

	@Test
	void awaitWhenTheTopicWasJustCreatedShouldReturnOnceEveryPartitionLeaderAnswers() throws Exception {
		Map<String, Object> config = config();
		try (Admin admin = Admin.create(config)) {
			admin.createTopics(List.of(new NewTopic("leaders-new", 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		AtomicInteger pauses = new AtomicInteger();
		TopicLeaders leaders = new TopicLeaders(config, "leaders-new", Duration.ofSeconds(30));
		assertThat(leaders.await((duration) -> pauses.incrementAndGet() < 1000)).isTrue();
		try (Admin admin = Admin.create(config)) {
			assertThat(admin.describeTopics(List.of("leaders-new"))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get("leaders-new")
				.partitions()).hasSize(6).allMatch((partition) -> partition.leader() != null);
		}
	}

	@Test
	void awaitWhenTheTopicDoesNotExistShouldGiveUpAfterItsTimeout() throws Exception {
		AtomicInteger pauses = new AtomicInteger();
		TopicLeaders leaders = new TopicLeaders(config(), "leaders-missing", Duration.ofMillis(500));
		assertThat(leaders.await((duration) -> pauses.incrementAndGet() > 0)).isFalse();
		assertThat(pauses).hasPositiveValue();
	}

	@Test
	void awaitWhenTheSenderStopsShouldReturnAtItsFirstPause() throws Exception {
		AtomicInteger pauses = new AtomicInteger();
		TopicLeaders leaders = new TopicLeaders(config(), "leaders-stopped", Duration.ofMinutes(5));
		assertThat(leaders.await((duration) -> pauses.incrementAndGet() < 0)).isFalse();
		assertThat(pauses).hasValue(1);
	}

	@Test
	void awaitWhenNoBootstrapServerResolvesShouldGiveUpAtOnce() throws Exception {
		TopicLeaders leaders = new TopicLeaders(
				Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "kafka.alphabets.invalid:9092"), "leaders-nowhere",
				Duration.ofMinutes(5));
		assertThat(leaders.await((duration) -> true)).isFalse();
	}

	private static Map<String, Object> config() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
	}

}
