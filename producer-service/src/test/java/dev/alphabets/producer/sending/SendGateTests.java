package dev.alphabets.producer.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.alphabets.producer.TestApplications;
import dev.alphabets.producer.TopicRecords;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After a failed send the failure policy closes the producer, and the next send would get
 * a new one. Until the sender has resolved the failure, no producer of the factory sends,
 * not even that new one: a letter it wrote could land ahead of the earlier letters of its
 * sequence that the closed producer never wrote.
 */
@EmbeddedKafka
class SendGateTests {

	@Test
	void whileAFailureIsUnresolvedNoProducerSendsNotEvenANewOneAndAfterwardsLettersGoOut() throws Exception {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String topic = "gate-" + UUID.randomUUID();
		String sequence = UUID.randomUUID().toString();
		AtomicBoolean failing = new AtomicBoolean();
		try (ConfigurableApplicationContext app = TestApplications.start(broker.getBrokersAsString(), topic,
				"alphabet.sender.enabled=false", "alphabet.topic=" + topic,
				"alphabet.dead-letter-topic=" + topic + "-dlt", "alphabet.partitions=1")) {
			app.getBean(SendGate.class).follow(failing::get);
			LetterPublisher publisher = app.getBean(LetterPublisher.class);
			KafkaTemplate<?, ?> template = app.getBean(KafkaTemplate.class);
			publisher.send(Letter.of(sequence, 0, Instant.now())).get(30, TimeUnit.SECONDS);
			failing.set(true);
			// What the failure policy does on the first failed send.
			template.getProducerFactory().reset();
			assertThatThrownBy(() -> publisher.send(Letter.of(sequence, 1, Instant.now())).get(30, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(SendFailedException.class)
				.hasMessageContaining("resolving an earlier failed send");
			failing.set(false);
			publisher.send(Letter.of(sequence, 2, Instant.now())).get(30, TimeUnit.SECONDS);
		}
		List<ConsumerRecord<String, String>> records = TopicRecords.read(broker.getBrokersAsString(), topic, 2,
				Duration.ofSeconds(30));
		assertThat(records).extracting((record) -> TopicRecords.header(record, LetterPublisher.MESSAGE_ID_HEADER))
			.containsExactly(Letter.messageId(sequence, 0), Letter.messageId(sequence, 2));
	}

}
