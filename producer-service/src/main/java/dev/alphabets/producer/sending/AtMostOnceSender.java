package dev.alphabets.producer.sending;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.alphabets.producer.AlphabetProperties;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fire and forget ({@code alphabet.delivery=at-most-once}): the stored position moves
 * past a letter before it is sent, so a crash never sends it again; the client does not
 * retry, and a letter that fails is logged and counted, never stored or sent again. At
 * interval 0 the position moves ahead by {@code max-in-flight} letters at a time (one
 * database write per block, not per letter): a crash then skips what was left of the
 * block, a loss this model allows.
 */
final class AtMostOnceSender extends LeasedSender {

	private static final Logger logger = LoggerFactory.getLogger(AtMostOnceSender.class);

	private final LetterPublisher publisher;

	private final SenderProgressRepository progress;

	private final TransactionTemplate transactions;

	private final String topic;

	private final Counter dropped;

	private final Clock clock = Clock.systemUTC();

	private volatile Position position;

	AtMostOnceSender(AlphabetProperties properties, SenderLease lease, LetterPublisher publisher,
			SenderProgressRepository progress, TransactionTemplate transactions, MeterRegistry meters) {
		super(properties.sender(), lease);
		this.publisher = publisher;
		this.progress = progress;
		this.transactions = transactions;
		this.topic = properties.topic();
		this.dropped = Counter.builder("alphabet.messages.dropped")
			.description("At-most-once letters that failed and are not sent again")
			.register(meters);
	}

	@Override
	protected void sendWhileRunning() throws InterruptedException {
		Duration interval = this.properties.interval();
		int block = interval.isZero() ? this.properties.maxInFlight() : 1;
		Position next = this.progress.find(this.properties.id()).orElseGet(Position::newSequence);
		logger.info("At-most-once sender starting at sequenceId={} index={} every {}", next.sequenceId(),
				next.nextIndex(), interval);
		int reserved = 0;
		while (isSending()) {
			if (reserved == 0) {
				if (!reserve(next, block)) {
					pause(AlphabetSender.PAUSE_AFTER_FAILURE);
					continue;
				}
				reserved = block;
			}
			send(Letter.of(next.sequenceId(), next.nextIndex(), this.clock.instant()));
			next = next.next();
			this.position = next;
			reserved--;
			if (!interval.isZero()) {
				pause(interval);
			}
		}
	}

	/** Stores the position after the next {@code block} letters, before any is sent. */
	private boolean reserve(Position from, int block) {
		Position after = from;
		for (int i = 0; i < block; i++) {
			after = after.next();
		}
		Position stored = after;
		try {
			this.transactions.executeWithoutResult((tx) -> {
				lease().assertHeld();
				this.progress.save(this.properties.id(), stored);
			});
			return true;
		}
		catch (RuntimeException ex) {
			logger.error("Could not store the position sequenceId={} index={}; sending nothing until it is stored",
					stored.sequenceId(), stored.nextIndex(), ex);
			return false;
		}
	}

	private void send(Letter letter) {
		this.publisher.send(letter).whenComplete((delivery, error) -> {
			if (error != null) {
				this.dropped.increment();
				logger.warn("Lost (at-most-once, not sent again) {} topic={} messageId={} sequenceId={} index={}: {}",
						letter.letter(), this.topic, letter.messageId(), letter.sequenceId(), letter.index(),
						LetterPublisher.failure(error).reason());
			}
		});
	}

	@Override
	public SenderStatus status() {
		Position current = this.position;
		return (current != null) ? new SenderStatus(this.state, current.sequenceId(), current.nextIndex(), null, null)
				: new SenderStatus(this.state, null, 0, null, null);
	}

	/** Nothing stops this sender: a failed letter is never stored for an operator. */
	@Override
	public boolean moveOnFrom(Letter letter) {
		return false;
	}

}
