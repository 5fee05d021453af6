package dev.alphabets.consumer.receiving;

import dev.alphabets.consumer.sequences.ReceivedLetter;
import dev.alphabets.consumer.sequences.StoreResult;
import org.slf4j.Logger;

/**
 * What is said about one letter: DEBUG for each, WARN for a gap or an order break, which
 * an operator must look at.
 */
final class LetterLog {

	private LetterLog() {
	}

	static void applied(Logger logger, ReceivingMetrics metrics, ReceivedLetter letter, StoreResult.Applied applied) {
		if (logger.isDebugEnabled()) {
			logger.debug("Applied key={} letter={} index={} topic={} partition={} offset={} messageId={}",
					letter.sequenceId(), letter.letter(), letter.index(), letter.topic(), letter.partition(),
					letter.offset(), letter.messageId());
		}
		if (applied.outOfOrder(letter.index())) {
			metrics.outOfOrder();
			logger.warn("Out of order key={} partition={} offset={} messageId={}: index {} after index {}",
					letter.sequenceId(), letter.partition(), letter.offset(), letter.messageId(), letter.index(),
					applied.highestIndexBefore());
		}
		int gap = applied.gapBefore(letter.index());
		if (gap > 0) {
			metrics.gap();
			logger.warn("Gap key={} partition={} offset={} messageId={}: {} letter(s) missing before index {}",
					letter.sequenceId(), letter.partition(), letter.offset(), letter.messageId(), gap, letter.index());
		}
	}

	static void duplicate(Logger logger, ReceivingMetrics metrics, ReceivedLetter letter,
			StoreResult.Duplicate duplicate) {
		// The poll's INFO line counts them; a producer that re-sends a window makes
		// hundreds.
		logger.debug("Duplicate key={} partition={} offset={} messageId={}: already stored from partition={} offset={}",
				letter.sequenceId(), letter.partition(), letter.offset(), letter.messageId(), duplicate.partition(),
				duplicate.offset());
	}

}
