package dev.alphabets.consumer.receiving;

import java.time.Instant;

import dev.alphabets.consumer.sequences.LetterStore;
import dev.alphabets.consumer.sequences.ReceivedLetter;
import dev.alphabets.consumer.sequences.StoreResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Stores each letter read from the topic and acknowledges it only once the store has
 * committed; failures are left to the error handler.
 */
@Component
class LetterListener {

	private static final Logger logger = LoggerFactory.getLogger(LetterListener.class);

	private final LetterStore store;

	private final ReceivingMetrics metrics;

	LetterListener(LetterStore store, ReceivingMetrics metrics) {
		this.store = store;
		this.metrics = metrics;
	}

	@KafkaListener(id = "alphabets", idIsGroup = false, topics = "${alphabet.topic}")
	void receive(ConsumerRecord<String, Letter> record, Acknowledgment acknowledgment) {
		this.metrics.consumed();
		Letter letter = requireLetter(record);
		logger.info("Received key={} letter={} index={} topic={} partition={} offset={} messageId={}", record.key(),
				letter.letter(), letter.index(), record.topic(), record.partition(), record.offset(),
				letter.messageId());
		StoreResult result = this.metrics.timeProcessing(() -> this.store.store(received(record, letter)));
		if (result instanceof StoreResult.Applied applied) {
			this.metrics.applied();
			checkOrder(record, letter, applied);
		}
		else if (result instanceof StoreResult.Duplicate duplicate) {
			this.metrics.duplicate();
			logger.info(
					"Duplicate key={} partition={} offset={} messageId={}: already stored from partition={} offset={}",
					record.key(), record.partition(), record.offset(), letter.messageId(), duplicate.partition(),
					duplicate.offset());
		}
		acknowledgment.acknowledge();
	}

	private static Letter requireLetter(ConsumerRecord<String, Letter> record) {
		if (record.value() == null) {
			throw new InvalidLetterException("value is null");
		}
		if (record.key() == null) {
			throw new InvalidLetterException("key is null");
		}
		if (!record.key().equals(record.value().sequenceId())) {
			throw new InvalidLetterException(
					"key '" + record.key() + "' differs from sequenceId " + record.value().sequenceId());
		}
		return record.value();
	}

	private void checkOrder(ConsumerRecord<String, Letter> record, Letter letter, StoreResult.Applied applied) {
		if (applied.outOfOrder(letter.index())) {
			this.metrics.outOfOrder();
			logger.warn("Out of order key={} partition={} offset={} messageId={}: index {} after index {}",
					record.key(), record.partition(), record.offset(), letter.messageId(), letter.index(),
					applied.highestIndexBefore());
		}
		int gap = applied.gapBefore(letter.index());
		if (gap > 0) {
			this.metrics.gap();
			logger.warn("Gap key={} partition={} offset={} messageId={}: {} letter(s) missing before index {}",
					record.key(), record.partition(), record.offset(), letter.messageId(), gap, letter.index());
		}
	}

	private static ReceivedLetter received(ConsumerRecord<String, Letter> record, Letter letter) {
		return new ReceivedLetter(letter.messageId(), letter.sequenceId(), letter.index(), letter.letter(),
				letter.sentAt(), record.topic(), record.partition(), record.offset(), Instant.now());
	}

}
