package dev.alphabets.consumer.receiving;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.alphabets.consumer.sequences.LetterStore;
import dev.alphabets.consumer.sequences.ReceivedLetter;
import dev.alphabets.consumer.sequences.StoreResult;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Stores the letters of each poll in one transaction and acknowledges them only once it
 * has committed. A record that can never be applied stops the batch there: the letters
 * before it are stored and the error handler commits them, dead-letters the broken record
 * and redelivers the rest. Any other failure is left to the error handler too.
 */
@Component
class LetterListener {

	private static final Logger logger = LoggerFactory.getLogger(LetterListener.class);

	private static final LogAccessor headerLogger = new LogAccessor(LetterListener.class);

	private final LetterStore store;

	private final ReceivingMetrics metrics;

	LetterListener(LetterStore store, ReceivingMetrics metrics) {
		this.store = store;
		this.metrics = metrics;
	}

	@KafkaListener(id = "alphabets", idIsGroup = false, topics = "${alphabet.topic}", batch = "true")
	void receive(List<ConsumerRecord<String, Letter>> records, Acknowledgment acknowledgment) {
		List<ConsumerRecord<String, Letter>> valid = new ArrayList<>(records.size());
		BatchListenerFailedException broken = null;
		for (ConsumerRecord<String, Letter> record : records) {
			this.metrics.consumed();
			try {
				Letter letter = requireLetter(record);
				logger.info("Received key={} letter={} index={} topic={} partition={} offset={} messageId={}",
						record.key(), letter.letter(), letter.index(), record.topic(), record.partition(),
						record.offset(), letter.messageId());
				valid.add(record);
			}
			catch (InvalidLetterException | DeserializationException ex) {
				broken = new BatchListenerFailedException(ex.getMessage(), ex, record);
				break;
			}
		}
		store(valid);
		if (broken != null) {
			throw broken;
		}
		acknowledgment.acknowledge();
	}

	private void store(List<ConsumerRecord<String, Letter>> records) {
		if (records.isEmpty()) {
			return;
		}
		List<ReceivedLetter> letters = records.stream().map(LetterListener::received).toList();
		List<StoreResult> results;
		try {
			results = this.metrics.timeProcessing(() -> this.store.storeAll(letters));
		}
		catch (RuntimeException ex) {
			// Nothing of the batch has committed: it is retried from its first record.
			throw new BatchListenerFailedException("Storing " + letters.size() + " letter(s) failed", ex,
					records.get(0));
		}
		this.metrics.batch(letters.size());
		for (int i = 0; i < results.size(); i++) {
			report(records.get(i), results.get(i));
		}
	}

	private void report(ConsumerRecord<String, Letter> record, StoreResult result) {
		Letter letter = record.value();
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
	}

	private static Letter requireLetter(ConsumerRecord<String, Letter> record) {
		// A batch listener receives records that failed to deserialize, with the
		// exception (and the original bytes) in a header.
		for (String header : List.of(SerializationUtils.KEY_DESERIALIZER_EXCEPTION_HEADER,
				SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER)) {
			DeserializationException failure = SerializationUtils.getExceptionFromHeader(record, header, headerLogger);
			if (failure != null) {
				throw failure;
			}
		}
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

	private static ReceivedLetter received(ConsumerRecord<String, Letter> record) {
		Letter letter = record.value();
		return new ReceivedLetter(letter.messageId(), letter.sequenceId(), letter.index(), letter.letter(),
				letter.sentAt(), record.topic(), record.partition(), record.offset(), Instant.now());
	}

}
