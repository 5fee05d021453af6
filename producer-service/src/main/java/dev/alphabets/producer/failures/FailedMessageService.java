package dev.alphabets.producer.failures;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.sending.AlphabetSender;
import dev.alphabets.producer.sending.Delivery;
import dev.alphabets.producer.sending.Letter;
import dev.alphabets.producer.sending.LetterPublisher;
import dev.alphabets.producer.sending.SendFailedException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * What an operator can do with a failed message: replay it with the same message id, or
 * discard it with an audit trail.
 */
@Service
class FailedMessageService {

	private static final Logger logger = LoggerFactory.getLogger(FailedMessageService.class);

	private final FailedMessageRepository repository;

	private final LetterPublisher publisher;

	private final AlphabetSender sender;

	private final JsonMapper json;

	private final Counter replayed;

	private final Counter discarded;

	FailedMessageService(FailedMessageRepository repository, LetterPublisher publisher, AlphabetSender sender,
			JsonMapper json, MeterRegistry meters) {
		this.repository = repository;
		this.publisher = publisher;
		this.sender = sender;
		this.json = json;
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

	FailedMessage replay(long id, String operator) {
		FailedMessage message = get(id);
		if (message.status() == FailedMessageStatus.DELIVERED || message.status() == FailedMessageStatus.DISCARDED) {
			throw new ResponseStatusException(HttpStatus.CONFLICT,
					"Failed message " + id + " is already " + message.status() + "; there is nothing to replay");
		}
		Letter letter = this.json.readValue(message.payload(), Letter.class);
		Delivery delivery;
		try {
			delivery = this.publisher.send(letter);
		}
		catch (SendFailedException ex) {
			this.repository.audit(id, "REPLAY_FAILED", operator, ex.reason());
			throw new ResponseStatusException(HttpStatus.BAD_GATEWAY, "Replay not acknowledged: " + ex.reason(), ex);
		}
		FailedMessage delivered = this.repository.markDelivered(message.messageId(), delivery, operator, "REPLAYED")
			.orElseGet(() -> get(id));
		this.replayed.increment();
		logger.info("Operator {} replayed messageId={} to partition={} offset={}", operator, message.messageId(),
				delivery.partition(), delivery.offset());
		this.sender.resolved(letter);
		return delivered;
	}

	FailedMessage discard(long id, String operator) {
		FailedMessage message = get(id);
		if (!this.repository.discard(id, operator)) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "Failed message " + id + " is " + message.status()
					+ "; only FAILED messages can be discarded (PENDING ones are still being delivered)");
		}
		this.discarded.increment();
		logger.warn("Operator {} discarded messageId={} sequenceId={} index={}", operator, message.messageId(),
				message.sequenceId(), message.index());
		this.sender.resolved(this.json.readValue(message.payload(), Letter.class));
		return get(id);
	}

}
