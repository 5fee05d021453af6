package dev.alphabets.consumer.receiving;

import java.util.ArrayList;
import java.util.List;

import dev.alphabets.consumer.ConsumerIntegrationTestSupport;
import dev.alphabets.consumer.sequences.ReceivedLetter;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.reset;

/**
 * Letters in the wire format are stored once each and acknowledged, however often they
 * are delivered.
 */
class ReceivingTests extends ConsumerIntegrationTestSupport {

	@Autowired
	private KafkaListenerEndpointRegistry registry;

	@Test
	void anAlphabetIsStoredOnceEachInOrderAndAcknowledged() throws Exception {
		String sequenceId = newSequenceId();
		double applied = count("alphabet.messages.applied");
		List<RecordMetadata> sent = new ArrayList<>();
		for (int index = 0; index < 26; index++) {
			sent.add(sendLetter(sequenceId, index));
		}
		awaitAcknowledged(sent.get(25));
		List<String> letters = this.jdbc
			.sql("SELECT letter FROM received_messages WHERE sequence_id = ? ORDER BY kafka_offset")
			.param(sequenceId)
			.query(String.class)
			.list();
		assertThat(String.join("", letters)).isEqualTo("ABCDEFGHIJKLMNOPQRSTUVWXYZ");
		List<Long> offsets = this.jdbc
			.sql("SELECT kafka_offset FROM received_messages WHERE sequence_id = ? "
					+ "AND kafka_partition = ? ORDER BY letter_index")
			.params(sequenceId, sent.get(0).partition())
			.query(Long.class)
			.list();
		assertThat(offsets).containsExactlyElementsOf(sent.stream().map(RecordMetadata::offset).toList());
		assertThat(count("alphabet.messages.applied") - applied).isEqualTo(26);
		assertThat(committedOffset(sent.get(25).partition())).isEqualTo(sent.get(25).offset() + 1);
	}

	@Test
	void theSameMessageIdDeliveredTwiceIsStoredOnceAndCountedAsDuplicate() throws Exception {
		String sequenceId = newSequenceId();
		double duplicates = count("alphabet.messages.duplicates");
		sendLetter(sequenceId, 0);
		RecordMetadata again = sendLetter(sequenceId, 0);
		awaitAcknowledged(again);
		assertThat(storedRows(sequenceId)).isOne();
		assertThat(count("alphabet.messages.duplicates") - duplicates).isEqualTo(1);
		assertThat(duplicateDeliveries(sequenceId)).isOne();
	}

	@Test
	void aCrashBeforeTheAckIsNotRedeliveredBecauseThePositionCommittedWithTheLetters() throws Exception {
		String sequenceId = newSequenceId();
		String crashing = messageId(sequenceId, 1);
		MessageListenerContainer container = this.registry.getListenerContainer("alphabets");
		double duplicates = count("alphabet.messages.duplicates");
		double alreadyApplied = count("alphabet.messages.already.applied");
		// After the insert commits and before the listener acknowledges, the consumer
		// goes away: the container stops and the record is not committed.
		doAnswer((invocation) -> {
			Object result = invocation.callRealMethod();
			container.stop(() -> {
			});
			throw new TransientDataAccessResourceException("simulated crash before the ack");
		}).when(this.store)
			.store(anyString(), anyList(), argThat((List<ReceivedLetter> letters) -> letters.stream()
				.anyMatch((letter) -> crashing.equals(letter.messageId()))), any());
		try {
			awaitAcknowledged(sendLetter(sequenceId, 0));
			RecordMetadata second = sendLetter(sequenceId, 1);
			await().atMost(TIMEOUT).until(() -> !container.isRunning());
			assertThat(storedRows(sequenceId)).isEqualTo(2);
			assertThat(committedOffset(second.partition())).isEqualTo(second.offset());
			reset(this.store);
			container.start();
			awaitAcknowledged(second);
		}
		finally {
			reset(this.store);
			container.start();
		}
		assertThat(storedRows(sequenceId)).isEqualTo(2);
		// The stored position sent the consumer past the letter (Kafka's offset was
		// behind): it never reached the duplicate check.
		assertThat(duplicateDeliveries(sequenceId)).isZero();
		assertThat(count("alphabet.messages.duplicates") - duplicates).isZero();
		assertThat(count("alphabet.messages.already.applied") - alreadyApplied).isZero();
	}

	private int duplicateDeliveries(String sequenceId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM duplicate_deliveries WHERE sequence_id = ?")
			.param(sequenceId)
			.query(Integer.class)
			.single();
	}

}
