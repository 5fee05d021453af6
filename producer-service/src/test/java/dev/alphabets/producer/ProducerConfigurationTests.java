package dev.alphabets.producer;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.alphabets.producer.sending.LetterSerializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producer the application really builds is idempotent, waits for all in-sync
 * replicas, and leaves retrying to the client; the topics exist as declared.
 */
@SenderDisabledApplicationTest
class ProducerConfigurationTests {

	@Autowired
	ProducerFactory<?, ?> producerFactory;

	@Autowired
	KafkaAdmin kafkaAdmin;

	@Test
	void effectiveProducerConfigurationShouldBeIdempotentAndWaitForAllReplicas() {
		Map<String, Object> config = this.producerFactory.getConfigurationProperties();
		assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all");
		assertThat(config.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).hasToString("true");
		assertThat(config).containsEntry(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
		assertThat(config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG)).hasToString("120000");
		assertThat(config.get(ProducerConfig.RETRY_BACKOFF_MS_CONFIG)).hasToString("1000");
		assertThat(Integer.parseInt(config.get(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION).toString()))
			.isBetween(1, 5);
		assertThat(config.get(ProducerConfig.LINGER_MS_CONFIG)).hasToString("5");
		assertThat(config.get(ProducerConfig.BATCH_SIZE_CONFIG)).hasToString("65536");
		assertThat(config).containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
		assertThat(KafkaTestUtils.getPropertyValue(this.producerFactory, "clientIdPrefix")).asString().isNotBlank();
		assertThat(config).containsEntry(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
		assertThat(config).containsEntry(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, LetterSerializer.class);
	}

	@Test
	void topicsShouldExistWithTheConfiguredPartitionsAndMinInsyncReplicas() throws Exception {
		try (AdminClient admin = AdminClient.create(this.kafkaAdmin.getConfigurationProperties())) {
			Map<String, TopicDescription> topics = admin.describeTopics(List.of("alphabets", "alphabets-dlt"))
				.allTopicNames()
				.get();
			assertThat(topics.get("alphabets").partitions()).hasSize(3);
			assertThat(topics.get("alphabets-dlt").partitions()).hasSize(3);
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "alphabets");
			Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
			assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
			assertThat(config.get("unclean.leader.election.enable").value()).isEqualTo("false");
		}
	}

}
