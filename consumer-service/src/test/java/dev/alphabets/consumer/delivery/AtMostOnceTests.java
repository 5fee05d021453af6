package dev.alphabets.consumer.delivery;

import java.util.List;

import javax.sql.DataSource;

import dev.alphabets.consumer.ConsumerIntegrationTestSupport;
import dev.alphabets.consumer.SwitchableDataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At-most-once: Kafka's offsets are committed before the letters are stored, so a
 * consumer that goes away while its store fails loses the poll, and applies nothing
 * twice.
 */
@TestPropertySource(properties = { "alphabet.delivery=at-most-once",
		"spring.datasource.url=jdbc:h2:mem:consumer-at-most-once;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
class AtMostOnceTests extends ConsumerIntegrationTestSupport {

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Autowired
	private ConsumerFactory<?, ?> consumerFactory;

	@Autowired
	private DataSource dataSource;

	@AfterEach
	void databaseUp() {
		((SwitchableDataSource) this.dataSource).up();
	}

	@Test
	void theOffsetsAreCommittedBeforeTheStoreSoALetterWhoseStoreFailedIsLostWhenTheConsumerGoesAway() throws Exception {
		SwitchableDataSource database = (SwitchableDataSource) this.dataSource;
		String sequenceId = newSequenceId();
		awaitAcknowledged(sendLetter(sequenceId, 0));
		double consumed = count("alphabet.messages.consumed");
		database.down();
		RecordMetadata second = sendLetter(sequenceId, 1);
		// Committed to Kafka although the store keeps failing.
		await().atMost(TIMEOUT).until(() -> committedOffset(second.partition()) > second.offset());
		await().atMost(TIMEOUT).until(() -> count("alphabet.messages.consumed") - consumed >= 2);
		MessageListenerContainer container = this.registry.getListenerContainer("alphabets");
		container.stop();
		database.up();
		container.start();
		RecordMetadata third = sendLetter(sequenceId, 2);
		awaitAcknowledged(third);
		await().atMost(TIMEOUT).until(() -> storedRows(sequenceId) == 2);
		List<String> counts = this.jdbc
			.sql("SELECT letter_index, applied_count FROM received_messages WHERE sequence_id = ? "
					+ "ORDER BY letter_index")
			.param(sequenceId)
			.query((rs, row) -> rs.getInt(1) + ":" + rs.getInt(2))
			.list();
		assertThat(counts).containsExactly("0:1", "2:1");
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM consumer_offsets").query(Integer.class).single()).isZero();
	}

	@Test
	void theConsumerReadsUncommittedRecords() {
		assertThat(this.consumerFactory.getConfigurationProperties().get(ConsumerConfig.ISOLATION_LEVEL_CONFIG))
			.isEqualTo("read_uncommitted");
	}

}
