package dev.alphabets.producer.sending;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.alphabets.producer.AlphabetProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends one letter and waits for the broker's acknowledgement. Retrying inside the
 * delivery timeout is left to the idempotent Kafka client: a second send of our own in
 * that window would be a new record to the broker, and defeat idempotence.
 */
@Component
public class LetterPublisher {

	/** The header that carries the message id as UTF-8 bytes. */
	public static final String MESSAGE_ID_HEADER = "message-id";

	private static final Logger logger = LoggerFactory.getLogger(LetterPublisher.class);

	private final KafkaTemplate<String, Letter> template;

	private final String topic;

	private final Duration maxWait;

	private final MeterRegistry meters;

	private final Counter sent;

	private final Counter acknowledged;

	private final Timer acknowledgedTimer;

	LetterPublisher(KafkaTemplate<String, Letter> template, AlphabetProperties properties, MeterRegistry meters) {
		this.template = template;
		this.topic = properties.topic();
		this.meters = meters;
		this.sent = Counter.builder("alphabet.messages.sent").description("Send attempts").register(meters);
		this.acknowledged = Counter.builder("alphabet.messages.acknowledged")
			.description("Letters the broker acknowledged")
			.register(meters);
		// Built once: a builder's register() looks the meter up through every filter.
		this.acknowledgedTimer = timer("acknowledged");
		var config = template.getProducerFactory().getConfigurationProperties();
		// The future always completes within max.block.ms + delivery.timeout.ms; the
		// margin only
		// guards against a client bug leaving the sender waiting forever.
		this.maxWait = Duration.ofMillis(millis(config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG), 60_000)
				+ millis(config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG), 120_000) + 10_000);
	}

	/**
	 * Sends a letter and blocks until the broker acknowledged it or the client gave up.
	 * @param letter the letter
	 * @return where the broker stored it
	 * @throws SendFailedException if the client gave up, telling whether it is retriable
	 */
	public Delivery send(Letter letter) throws SendFailedException {
		ProducerRecord<String, Letter> record = new ProducerRecord<>(this.topic, letter.sequenceId(), letter);
		record.headers().add(MESSAGE_ID_HEADER, letter.messageId().getBytes(StandardCharsets.UTF_8));
		this.sent.increment();
		Timer.Sample sample = Timer.start(this.meters);
		try {
			RecordMetadata metadata = this.template.send(record)
				.get(this.maxWait.toMillis(), TimeUnit.MILLISECONDS)
				.getRecordMetadata();
			sample.stop(this.acknowledgedTimer);
			this.acknowledged.increment();
			logger.info("Delivered {} to topic={} partition={} offset={} messageId={} sequenceId={}", letter.letter(),
					metadata.topic(), metadata.partition(), metadata.offset(), letter.messageId(), letter.sequenceId());
			return new Delivery(metadata.topic(), metadata.partition(), metadata.offset());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failed(sample, letter, new org.apache.kafka.common.errors.InterruptException(ex));
		}
		catch (ExecutionException ex) {
			throw failed(sample, letter, ex.getCause());
		}
		catch (TimeoutException ex) {
			throw failed(sample, letter, new org.apache.kafka.common.errors.TimeoutException(
					"No acknowledgement within " + this.maxWait, ex));
		}
		catch (RuntimeException ex) {
			throw failed(sample, letter, ex);
		}
	}

	private SendFailedException failed(Timer.Sample sample, Letter letter, Throwable cause) {
		SendFailedException failure = new SendFailedException(cause);
		sample.stop(timer("failed"));
		Counter.builder("alphabet.messages.failed")
			.description("Sends the client gave up on")
			.tag("reason", failure.getCause().getClass().getSimpleName())
			.tag("kind", failure.isRetriable() ? "retriable" : "permanent")
			.register(this.meters)
			.increment();
		logger.warn("Not delivered: {} messageId={} sequenceId={} index={} retriable={}: {}", letter.letter(),
				letter.messageId(), letter.sequenceId(), letter.index(), failure.isRetriable(), failure.reason());
		return failure;
	}

	private Timer timer(String outcome) {
		return Timer.builder("alphabet.send")
			.description("Time from send to acknowledgement or failure")
			.tag("outcome", outcome)
			.register(this.meters);
	}

	private static long millis(Object value, long fallback) {
		return (value != null) ? Long.parseLong(value.toString()) : fallback;
	}

}
