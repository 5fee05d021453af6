package dev.alphabets.producer.sending;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.alphabets.producer.AlphabetProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Sends one letter without waiting: the returned future completes, on the client's I/O
 * thread, with the broker's acknowledgement or with a {@link SendFailedException}.
 * Retrying inside the delivery timeout is left to the idempotent Kafka client: a second
 * send of our own in that window would be a new record to the broker, and defeat
 * idempotence.
 */
@Component
public class LetterPublisher {

	/** The header that carries the message id as UTF-8 bytes. */
	public static final String MESSAGE_ID_HEADER = "message-id";

	private static final Logger logger = LoggerFactory.getLogger(LetterPublisher.class);

	private final KafkaTemplate<String, Letter> template;

	private final String topic;

	private final boolean infoPerLetter;

	private final boolean debugPerLetter;

	private final boolean observed;

	private final MeterRegistry meters;

	// Counted in adders the counters read: a Counter's increment also offers the
	// current span to the Prometheus exemplar sampler, once per letter.
	private final LongAdder sent = new LongAdder();

	private final LongAdder acknowledged = new LongAdder();

	private final Timer acknowledgedTimer;

	private final Timer failedTimer;

	LetterPublisher(KafkaTemplate<String, Letter> template, AlphabetProperties properties, MeterRegistry meters,
			@Value("${spring.kafka.template.observation-enabled:false}") boolean observed) {
		this.template = template;
		this.topic = properties.topic();
		// With a pause between letters each one is logged at INFO (the benchmarks'
		// fail-over run reads them); as fast as it goes (interval 0) at DEBUG, with one
		// INFO line per group commit instead.
		this.infoPerLetter = !properties.sender().interval().isZero();
		// Read once: on the client's I/O thread even a disabled debug call (its
		// arguments,
		// Logback's turbo filters) cost a tenth of that thread's time at interval 0.
		this.debugPerLetter = logger.isDebugEnabled();
		this.observed = observed;
		this.meters = meters;
		FunctionCounter.builder("alphabet.messages.sent", this.sent, LongAdder::sum)
			.description("Send attempts")
			.register(meters);
		FunctionCounter.builder("alphabet.messages.acknowledged", this.acknowledged, LongAdder::sum)
			.description("Letters the broker acknowledged")
			.register(meters);
		// Built once: a builder's register() looks the meter up through every filter.
		this.acknowledgedTimer = timer("acknowledged");
		this.failedTimer = timer("failed");
	}

	/**
	 * Sends a letter. The future completes on the client's I/O thread, so what a caller
	 * chains on it (without an executor) runs there, before the client sends more.
	 * @param letter the letter
	 * @return where the broker stored it, or a {@link SendFailedException} telling
	 * whether it is retriable
	 */
	public CompletableFuture<Delivery> send(Letter letter) {
		CompletableFuture<Delivery> future = new CompletableFuture<>();
		send(letter, new Completion() {

			@Override
			public void delivered(Delivery delivery) {
				future.complete(delivery);
			}

			@Override
			public void failed(SendFailedException failure) {
				future.completeExceptionally(failure);
			}

		});
		return future;
	}

	/**
	 * Sends a letter and tells the completion, once, on the client's I/O thread (or on
	 * the caller's, if the client refused the record at once). Inside the template's
	 * {@code executeInTransaction} the letter joins that transaction.
	 * @param letter the letter
	 * @param completion told the outcome
	 */
	public void send(Letter letter, Completion completion) {
		ProducerRecord<String, Letter> record = new ProducerRecord<>(this.topic, letter.sequenceId(), letter);
		record.headers().add(MESSAGE_ID_HEADER, letter.messageId().getBytes(StandardCharsets.UTF_8));
		this.sent.increment();
		long start = System.nanoTime();
		if (this.observed) {
			// The template's observation: a producer span and the traceparent header.
			CompletableFuture<SendResult<String, Letter>> sending;
			try {
				sending = this.template.send(record);
			}
			catch (RuntimeException ex) {
				sending = CompletableFuture.failedFuture(ex);
			}
			sending.whenComplete((result, error) -> completed(letter, record, start,
					(error == null) ? result.getRecordMetadata() : null, error, completion));
			return;
		}
		// Straight to the template's producer (the thread's transactional one inside
		// executeInTransaction) with a callback: no future chain, no per-send timer of
		// the template's own, and less work on the client's one I/O thread.
		try {
			this.template.execute((producer) -> producer.send(record,
					(metadata, error) -> completed(letter, record, start, metadata, error, completion)));
		}
		catch (RuntimeException ex) {
			completed(letter, record, start, null, ex, completion);
		}
	}

	private void completed(Letter letter, ProducerRecord<String, Letter> record, long start, RecordMetadata metadata,
			Throwable error, Completion completion) {
		if (error != null) {
			completion.failed(failed(start, letter, unwrap(error)));
			return;
		}
		this.acknowledgedTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		this.acknowledged.increment();
		if (this.infoPerLetter || this.debugPerLetter) {
			DeliveryLog.delivered(logger, this.infoPerLetter, letter, metadata, record.headers());
		}
		completion.delivered(new Delivery(metadata.topic(), metadata.partition(), metadata.offset()));
	}

	/**
	 * The failure a future of {@link #send} completed with.
	 * @param error what a dependent stage saw
	 * @return the send failure
	 */
	public static SendFailedException failure(Throwable error) {
		Throwable cause = unwrap(error);
		return (cause instanceof SendFailedException failure) ? failure : new SendFailedException(cause);
	}

	private static Throwable unwrap(Throwable error) {
		Throwable cause = error;
		while (cause instanceof CompletionException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	private SendFailedException failed(long start, Letter letter, Throwable cause) {
		SendFailedException failure = new SendFailedException(cause);
		this.failedTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		Counter.builder("alphabet.messages.failed")
			.description("Sends the client gave up on")
			.tag("reason", failure.getCause().getClass().getSimpleName())
			.tag("kind", SendErrors.isAbort(cause) ? "aborted" : failure.isRetriable() ? "retriable" : "permanent")
			.register(this.meters)
			.increment();
		// One failure fails the whole window; the failure policy logs the first one.
		logger.debug("Not delivered: {} messageId={} sequenceId={} index={} retriable={}: {}", letter.letter(),
				letter.messageId(), letter.sequenceId(), letter.index(), failure.isRetriable(), failure.reason());
		return failure;
	}

	/** What becomes of one letter. */
	public interface Completion {

		/**
		 * The broker acknowledged the letter.
		 * @param delivery where it stored it
		 */
		void delivered(Delivery delivery);

		/**
		 * The client gave up on the letter.
		 * @param failure why, and whether it is retriable
		 */
		void failed(SendFailedException failure);

	}

	private Timer timer(String outcome) {
		return Timer.builder("alphabet.send")
			.description("Time from send to acknowledgement or failure")
			.tag("outcome", outcome)
			.register(this.meters);
	}

}
