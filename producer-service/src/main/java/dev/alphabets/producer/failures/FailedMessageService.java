package dev.alphabets.producer.failures;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.AlphabetProperties;
import dev.alphabets.producer.sending.SenderControl;
import dev.alphabets.producer.sending.Delivery;
import dev.alphabets.producer.sending.Letter;
import dev.alphabets.producer.sending.LetterPublisher;
import dev.alphabets.producer.sending.SendFailedException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * What an operator can do with a failed message: replay it with the same message id, or
 * discard it with an audit trail. Either one, for the letter the sender stopped at, moves
 * the sender's position past it in the same transaction.
 */
@Service
class FailedMessageService implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(FailedMessageService.class);

	private final FailedMessageRepository repository;

	private final LetterPublisher publisher;

	private final SenderControl sender;

	private final TransactionTemplate transactions;

	private final JsonMapper json;

	private final Duration replayTimeout;

	private final ExecutorService replays = Executors.newSingleThreadExecutor((task) -> new Thread(task, "replay"));

	private final Counter replayed;

	private final Counter discarded;

	FailedMessageService(FailedMessageRepository repository, LetterPublisher publisher, SenderControl sender,
			TransactionTemplate transactions, JsonMapper json, AlphabetProperties properties, MeterRegistry meters) {
		this.repository = repository;
		this.publisher = publisher;
		this.sender = sender;
		this.transactions = transactions;
		this.json = json;
		this.replayTimeout = properties.operator().replayTimeout();
		this.replayed = Counter.builder("alphabet.messages.replayed").register(meters);
		this.discarded = Counter.builder("alphabet.messages.discarded").register(meters);
		for (FailedMessageStatus status : FailedMessageStatus.values()) {
			Gauge.builder("alphabet.failed.messages", repository, (store) -> store.countByStatus(status))
				.description("Entries in the failed-message store")
				.tag("status", status.name())
				.register(meters);
		}
	}

	FailedMessage get(long id) {
		return this.repository.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No failed message with id " + id));
	}

	/**
	 * Replays a FAILED message and waits a bounded time for the broker.
	 * @return the entry, DELIVERED, or {@code null} if the replay is still in flight
	 * after the replay timeout (it goes on; its entry turns DELIVERED once acknowledged)
	 */
	FailedMessage replay(long id, String operator) {
		FailedMessage message = get(id);
		if (message.status() == FailedMessageStatus.PENDING) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Failed message " + id
					+ " is PENDING: the sender is still delivering it, and a replay could reorder its sequence");
		}
		if (message.status() != FailedMessageStatus.FAILED) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Failed message " + id + " is already " + message.status() + "; there is nothing to replay");
		}
		Letter letter = this.json.readValue(message.payload(), Letter.class);
		// The send itself may block for max.block.ms: not on the HTTP thread.
		CompletableFuture<FailedMessage> replay = CompletableFuture
			.supplyAsync(() -> this.publisher.send(letter), this.replays)
			.thenCompose((sending) -> sending)
			.thenApplyAsync((delivery) -> delivered(id, message, letter, delivery, operator), this.replays);
		try {
			return replay.get(this.replayTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("Replay of messageId={} not acknowledged within {}; it goes on", message.messageId(),
					this.replayTimeout);
			replay.whenComplete((done, error) -> {
				if (error != null) {
					failed(id, operator, error);
				}
			});
			return null;
		}
		catch (ExecutionException ex) {
			SendFailedException failure = failed(id, operator, ex.getCause());
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "Replay not acknowledged: " + failure.reason(),
					failure);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Interrupted", ex);
		}
	}

	private FailedMessage delivered(long id, FailedMessage message, Letter letter, Delivery delivery, String operator) {
		FailedMessage delivered = this.transactions.execute((tx) -> {
			FailedMessage entry = this.repository.markDelivered(message.messageId(), delivery, operator, "REPLAYED")
				.orElseGet(() -> get(id));
			this.sender.moveOnFrom(letter);
			return entry;
		});
		this.replayed.increment();
		logger.info("Operator {} replayed messageId={} to partition={} offset={}", operator, message.messageId(),
				delivery.partition(), delivery.offset());
		return delivered;
	}

	private SendFailedException failed(long id, String operator, Throwable error) {
		SendFailedException failure = LetterPublisher.failure(error);
		try {
			this.repository.audit(id, "REPLAY_FAILED", operator, failure.reason());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not audit the failed replay of entry {}", id, ex);
		}
		return failure;
	}

	FailedMessage discard(long id, String operator) {
		FailedMessage message = get(id);
		Letter letter = this.json.readValue(message.payload(), Letter.class);
		boolean discardedNow = Boolean.TRUE.equals(this.transactions.execute((tx) -> {
			if (!this.repository.discard(id, operator)) {
				return false;
			}
			this.sender.moveOnFrom(letter);
			return true;
		}));
		if (!discardedNow) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Failed message " + id + " is " + message.status()
					+ "; only FAILED messages can be discarded (PENDING ones are still being delivered)");
		}
		this.discarded.increment();
		logger.warn("Operator {} discarded messageId={} sequenceId={} index={}", operator, message.messageId(),
				message.sequenceId(), message.index());
		return get(id);
	}

	@Override
	public void destroy() {
		this.replays.shutdownNow();
	}

}
