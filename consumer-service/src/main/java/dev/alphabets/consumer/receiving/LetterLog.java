package dev.alphabets.consumer.receiving;

import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.alphabets.consumer.sequences.ReceivedLetter;
import dev.alphabets.consumer.sequences.StoreResult;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * What is said about one letter: DEBUG for each, WARN for a gap or an order break, which
 * an operator must look at. Its coordinates are key-value pairs (fields of their own in
 * JSON logs) besides the text, and the trace id its record carried is in the MDC as
 * {@code traceId}.
 */
final class LetterLog {

	private LetterLog() {
	}

	static void applied(Logger logger, ReceivingMetrics metrics, ReceivedLetter letter, StoreResult.Applied applied) {
		if (logger.isDebugEnabled()) {
			log(letter, logger::atDebug,
					(event) -> event.addKeyValue("index", letter.index())
						.log("Applied key={} letter={} index={} topic={} partition={} offset={} messageId={}",
								letter.sequenceId(), letter.letter(), letter.index(), letter.topic(),
								letter.partition(), letter.offset(), letter.messageId()));
		}
		if (applied.outOfOrder(letter.index())) {
			metrics.outOfOrder();
			log(letter, logger::atWarn,
					(event) -> event.log(
							"Out of order key={} partition={} offset={} messageId={}: index {} after index {}",
							letter.sequenceId(), letter.partition(), letter.offset(), letter.messageId(),
							letter.index(), applied.highestIndexBefore()));
		}
		int gap = applied.gapBefore(letter.index());
		if (gap > 0) {
			metrics.gap();
			log(letter, logger::atWarn,
					(event) -> event.log(
							"Gap key={} partition={} offset={} messageId={}: {} letter(s) missing before index {}",
							letter.sequenceId(), letter.partition(), letter.offset(), letter.messageId(), gap,
							letter.index()));
		}
	}

	static void duplicate(Logger logger, ReceivingMetrics metrics, ReceivedLetter letter,
			StoreResult.Duplicate duplicate) {
		// The poll's INFO line counts them; a producer that re-sends a window makes
		// hundreds.
		log(letter, logger::atDebug, (event) -> event.log(
				"Duplicate key={} partition={} offset={} messageId={}: already stored from partition={} offset={}",
				letter.sequenceId(), letter.partition(), letter.offset(), letter.messageId(), duplicate.partition(),
				duplicate.offset()));
	}

	private static void log(ReceivedLetter letter, Supplier<LoggingEventBuilder> level,
			Consumer<LoggingEventBuilder> line) {
		String previous = MDC.get("traceId");
		if (letter.traceId() != null) {
			MDC.put("traceId", letter.traceId());
		}
		try {
			line.accept(level.get()
				.addKeyValue("topic", letter.topic())
				.addKeyValue("partition", letter.partition())
				.addKeyValue("offset", letter.offset())
				.addKeyValue("messageId", letter.messageId())
				.addKeyValue("sequenceId", letter.sequenceId()));
		}
		finally {
			if (previous != null) {
				MDC.put("traceId", previous);
			}
			else {
				MDC.remove("traceId");
			}
		}
	}

}
