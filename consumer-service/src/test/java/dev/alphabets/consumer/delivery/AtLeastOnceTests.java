package dev.alphabets.consumer.delivery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.alphabets.consumer.ConsumerIntegrationTestSupport;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At-least-once: the letters are stored, then Kafka's offsets committed; a redelivered
 * poll is applied again, and counted.
 */
@TestPropertySource(properties = { "alphabet.delivery=at-least-once",
		"spring.datasource.url=jdbc:h2:mem:consumer-at-least-once;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
class AtLeastOnceTests extends ConsumerIntegrationTestSupport {

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private ConsumerFactory<?, ?> consumerFactory;

	@Test
	void aPollRedeliveredByKafkaIsAppliedAgainAndCountedInAppliedCount() throws Exception {
		String sequenceId = newSequenceId();
		RecordMetadata first = sendLetter(sequenceId, 0);
		sendLetter(sequenceId, 1);
		RecordMetadata third = sendLetter(sequenceId, 2);
		awaitAcknowledged(third);
		double appliedAgain = count("alphabet.messages.applied.again");
		MessageListenerContainer container = this.registry.getListenerContainer("alphabets");
		container.stop();
		// A crash after the store and before the commit: Kafka's offset is still at the
		// first letter (nothing in the database says otherwise in this model).
		try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			admin
				.alterConsumerGroupOffsets(GROUP,
						Map.of(new TopicPartition(TOPIC, first.partition()), new OffsetAndMetadata(first.offset())))
				.all()
				.get(10, TimeUnit.SECONDS);
		}
		container.start();
		RecordMetadata fourth = sendLetter(sequenceId, 3);
		awaitAcknowledged(fourth);
		List<String> counts = this.jdbc
			.sql("SELECT letter_index, applied_count FROM received_messages WHERE sequence_id = ? "
					+ "ORDER BY letter_index")
			.param(sequenceId)
			.query((rs, row) -> rs.getInt(1) + ":" + rs.getInt(2))
			.list();
		assertThat(counts).containsExactly("0:2", "1:2", "2:2", "3:1");
		assertThat(count("alphabet.messages.applied.again") - appliedAgain).isEqualTo(3);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM duplicate_deliveries WHERE sequence_id = ?")
			.param(sequenceId)
			.query(Integer.class)
			.single()).isZero();
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM consumer_offsets").query(Integer.class).single()).isZero();
	}

	@Test
	void theConsumerReadsUncommittedRecords() {
		assertThat(this.consumerFactory.getConfigurationProperties().get(ConsumerConfig.ISOLATION_LEVEL_CONFIG))
			.isEqualTo("read_uncommitted");
	}

}
