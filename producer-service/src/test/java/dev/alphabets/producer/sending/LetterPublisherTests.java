package dev.alphabets.producer.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
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
 * Without the template's observation a letter goes straight to the template's producer
 * with a callback: it arrives as the wire contract says, its completion is told once with
 * the record's real coordinates, and inside a Kafka transaction it joins that
 * transaction.
 */
@EmbeddedKafka
class LetterPublisherTests {

	@Test
	void lettersShouldArriveWithKeyAndHeaderAndEachCompletionShouldBeToldItsRecordOnce() throws Exception {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String topic = "publisher-" + UUID.randomUUID();
		String sequence = UUID.randomUUID().toString();
		Map<String, Delivery> delivered = new ConcurrentHashMap<>();
		AtomicInteger told = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(Letter.ROUND_LENGTH);
		try (ConfigurableApplicationContext app = start(broker, topic)) {
			LetterPublisher publisher = app.getBean(LetterPublisher.class);
			for (int index = 0; index < Letter.ROUND_LENGTH; index++) {
				Letter letter = Letter.of(sequence, index, Instant.now());
				publisher.send(letter, new LetterPublisher.Completion() {

					@Override
					public void delivered(Delivery delivery) {
						told.incrementAndGet();
						delivered.put(letter.messageId(), delivery);
						done.countDown();
					}

					@Override
					public void failed(SendFailedException failure) {
						told.incrementAndGet();
						done.countDown();
					}

				});
			}
			assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		}
		assertThat(told).hasValue(Letter.ROUND_LENGTH);
		assertThat(delivered).hasSize(Letter.ROUND_LENGTH);
		List<ConsumerRecord<String, String>> records = TopicRecords.read(broker.getBrokersAsString(), topic,
				Letter.ROUND_LENGTH, Duration.ofSeconds(30));
		assertThat(records).hasSize(Letter.ROUND_LENGTH);
		for (int index = 0; index < Letter.ROUND_LENGTH; index++) {
			ConsumerRecord<String, String> record = records.get(index);
			String messageId = Letter.messageId(sequence, index);
			assertThat(record.key()).isEqualTo(sequence);
			assertThat(TopicRecords.header(record, LetterPublisher.MESSAGE_ID_HEADER)).isEqualTo(messageId);
			assertThat(record.value()).contains("\"messageId\":\"" + messageId + "\"", "\"index\":" + index);
			assertThat(record.headers().lastHeader(DeliveryLog.TRACEPARENT)).isNull();
			assertThat(delivered.get(messageId)).isEqualTo(new Delivery(topic, record.partition(), record.offset()));
		}
	}

	@Test
	void aLetterTheClientRefusesShouldFailItsFutureAsPermanent() {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String topic = "refused-" + UUID.randomUUID();
		try (ConfigurableApplicationContext app = start(broker, topic,
				"spring.kafka.producer.properties[max.request.size]=100")) {
			LetterPublisher publisher = app.getBean(LetterPublisher.class);
			assertThatThrownBy(() -> publisher.send(Letter.of("refused", 0, Instant.now())).get(10, TimeUnit.SECONDS))
				.cause()
				.isInstanceOfSatisfying(SendFailedException.class, (failure) -> {
					assertThat(failure.getCause()).isInstanceOf(RecordTooLargeException.class);
					assertThat(failure.isRetriable()).isFalse();
				});
		}
	}

	@Test
	void insideAnAbortedTransactionALetterShouldNeverBecomeVisible() throws Exception {
		EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
		String topic = "publisher-tx-" + UUID.randomUUID();
		try (ConfigurableApplicationContext app = start(broker, topic, "alphabet.delivery=exactly-once",
				"alphabet.sender.id=" + topic, "alphabet.sender.position-topic=" + topic + "-positions")) {
			LetterPublisher publisher = app.getBean(LetterPublisher.class);
			@SuppressWarnings("unchecked")
			KafkaTemplate<Object, Object> template = app.getBean(KafkaTemplate.class);
			template.executeInTransaction((operations) -> publisher.send(Letter.of("committed", 0, Instant.now())));
			assertThatThrownBy(() -> template.executeInTransaction((operations) -> {
				publisher.send(Letter.of("aborted", 0, Instant.now()));
				throw new IllegalStateException("abort");
			})).hasMessageContaining("abort");
			template.executeInTransaction((operations) -> publisher.send(Letter.of("committed", 1, Instant.now())));
		}
		List<ConsumerRecord<String, String>> records = TopicRecords.read(broker.getBrokersAsString(), topic, 3,
				Duration.ofSeconds(10));
		assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("committed", "committed");
	}

	private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, String topic, String... more) {
		String[] properties = new String[more.length + 4];
		properties[0] = "alphabet.sender.enabled=false";
		properties[1] = "alphabet.topic=" + topic;
		properties[2] = "alphabet.dead-letter-topic=" + topic + "-dlt";
		properties[3] = "alphabet.partitions=1";
		System.arraycopy(more, 0, properties, 4, more.length);
		return TestApplications.start(broker.getBrokersAsString(), topic, properties);
	}

}
