package dev.alphabets.consumer.receiving;

import java.time.Instant;
import java.util.List;

import dev.alphabets.consumer.sequences.LetterStore;
import dev.alphabets.consumer.sequences.PollOutcome;
import dev.alphabets.consumer.sequences.StoreResult;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Stores the letters of each poll and the positions of its partitions in one transaction,
 * and acknowledges them to Kafka only once it has committed. Records that break the
 * contract, and letters the database refuses, are dead-lettered inside that transaction,
 * just before it commits; a database outage is left to the error handler.
 */
@Component
class LetterListener {

	private static final Logger logger = LoggerFactory.getLogger(LetterListener.class);

	private final LetterStore store;

	private final ReceivingMetrics metrics;

	private final DeadLetterPublishingRecoverer deadLetters;

	private final DeliveryStrategy delivery;

	private final LetterReader reader = new LetterReader();

	private final ApplyLag lag;

	LetterListener(LetterStore store, ReceivingMetrics metrics, DeadLetterPublishingRecoverer deadLetters,
			DeliveryStrategy delivery, ApplyLag lag) {
		this.store = store;
		this.delivery = delivery;
		this.lag = lag;
		this.metrics = metrics;
		this.deadLetters = deadLetters;
	}

	@KafkaListener(id = "alphabets", idIsGroup = false, topics = "${alphabet.topic}", batch = "true")
	void receive(List<ConsumerRecord<byte[], byte[]>> records, Acknowledgment acknowledgment, Consumer<?, ?> consumer) {
		long start = System.nanoTime();
		this.metrics.consumed(records.size());
		this.lag.received(records);
		Poll poll = new Poll(records, this.reader, Instant.now());
		try {
			this.delivery.beforeStoring(poll.partitions, consumer);
		}
		catch (RuntimeException ex) {
			throw new BatchListenerFailedException("Committing before storing failed", ex, records.get(0));
		}
		PollOutcome outcome;
		try {
			outcome = store(poll, consumer, false);
		}
		catch (RuntimeException ex) {
			if (ErrorHandlerConfiguration.isTransient(ex)) {
				// Nothing of the poll has committed: it is retried from its first record.
				throw new BatchListenerFailedException("Storing " + records.size() + " record(s) failed", ex,
						records.get(0));
			}
			logger.warn("Storing the poll {} in one insert failed ({}); storing its letters one by one to find the "
					+ "record at fault", poll.describe(), ErrorHandlerConfiguration.rootMessage(ex));
			try {
				outcome = store(poll, consumer, true);
			}
			catch (RuntimeException again) {
				throw new BatchListenerFailedException("Storing " + records.size() + " record(s) failed", again,
						records.get(0));
			}
		}
		this.metrics.processed(System.nanoTime() - start, poll.letters.size());
		report(poll, outcome, start);
		this.lag.applied(records, consumer);
		acknowledgment.acknowledge();
	}

	// The positions are the group's the consumer is in, as the seeks on assignment and
	// the
	// error handler's recoveries have them.
	private PollOutcome store(Poll poll, Consumer<?, ?> consumer, boolean oneByOne) {
		String group = consumer.groupMetadata().groupId();
		if (oneByOne) {
			return this.store.storeOneByOne(group, poll.partitions, poll.letters,
					(outcome) -> deadLetter(poll, outcome, consumer));
		}
		return this.store.store(group, poll.partitions, poll.letters, (outcome) -> deadLetter(poll, outcome, consumer));
	}

	/** Publishes the poll's dead letters, in offset order, before the poll commits. */
	private void deadLetter(Poll poll, PollOutcome outcome, Consumer<?, ?> consumer) {
		for (int i = 0; i < poll.records.size(); i++) {
			ConsumerRecord<byte[], byte[]> record = poll.records.get(i);
			RuntimeException reason = poll.broken[i];
			if (reason == null && outcome.results().get(poll.letterAt[i]) instanceof StoreResult.Rejected rejected) {
				reason = rejected.cause();
			}
			if (reason != null && !outcome.handledBefore(record.topic(), record.partition(), record.offset())) {
				try {
					this.deadLetters.accept(record, consumer, reason);
				}
				catch (RuntimeException ex) {
					throw new DeadLetterFailedException(
							"Dead-lettering partition=" + record.partition() + " offset=" + record.offset() + " failed",
							ex);
				}
			}
		}
	}

	private void report(Poll poll, PollOutcome outcome, long start) {
		int applied = 0;
		int duplicates = 0;
		int again = 0;
		int skipped = 0;
		int deadLettered = 0;
		for (int i = 0; i < poll.records.size(); i++) {
			ConsumerRecord<byte[], byte[]> record = poll.records.get(i);
			if (outcome.handledBefore(record.topic(), record.partition(), record.offset())) {
				skipped++;
				continue;
			}
			if (poll.broken[i] != null) {
				deadLettered++;
				continue;
			}
			StoreResult result = outcome.results().get(poll.letterAt[i]);
			if (result instanceof StoreResult.Applied done) {
				applied++;
				LetterLog.applied(logger, this.metrics, poll.letters.get(poll.letterAt[i]), done);
			}
			else if (result instanceof StoreResult.Duplicate duplicate) {
				duplicates++;
				LetterLog.duplicate(logger, this.metrics, poll.letters.get(poll.letterAt[i]), duplicate);
			}
			else if (result instanceof StoreResult.AppliedAgain) {
				again++;
			}
			else if (result instanceof StoreResult.Rejected) {
				deadLettered++;
			}
		}
		this.metrics.outcome(applied, duplicates, skipped, again);
		long millis = (System.nanoTime() - start) / 1_000_000;
		String partitions = poll.describe();
		logger.atInfo()
			.addKeyValue("partitions", partitions)
			.addKeyValue("records", poll.records.size())
			.addKeyValue("applied", applied)
			.addKeyValue("appliedAgain", again)
			.addKeyValue("duplicates", duplicates)
			.addKeyValue("alreadyApplied", skipped)
			.addKeyValue("deadLettered", deadLettered)
			.log("Stored poll {}: {} record(s), {} applied, {} applied again, {} duplicate(s), {} already applied, "
					+ "{} dead-lettered in {} ms", partitions, poll.records.size(), applied, again, duplicates, skipped,
					deadLettered, millis);
	}

}
