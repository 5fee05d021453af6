package dev.alphabets.producer.sending;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The line logged for an acknowledged letter: its coordinates as key-value pairs (fields
 * of their own in JSON logs) and the trace of the send, read from the W3C
 * {@code traceparent} header that the template's observation wrote on the record, in the
 * MDC as {@code traceId} and {@code spanId} (the acknowledgement arrives on the client's
 * I/O thread, outside the send's observation scope).
 */
final class DeliveryLog {

	/** The W3C trace context header. */
	static final String TRACEPARENT = "traceparent";

	private DeliveryLog() {
	}

	static void delivered(Logger logger, boolean info, Letter letter, RecordMetadata metadata, Headers headers) {
		if (!(info ? logger.isInfoEnabled() : logger.isDebugEnabled())) {
			return;
		}
		String traceparent = traceparent(headers);
		String previousTrace = MDC.get("traceId");
		String previousSpan = MDC.get("spanId");
		if (traceparent != null) {
			MDC.put("traceId", traceparent.substring(3, 35));
			MDC.put("spanId", traceparent.substring(36, 52));
		}
		try {
			LoggingEventBuilder event = (info ? logger.atInfo() : logger.atDebug())
				.addKeyValue("topic", metadata.topic())
				.addKeyValue("partition", metadata.partition())
				.addKeyValue("offset", metadata.offset())
				.addKeyValue("messageId", letter.messageId())
				.addKeyValue("sequenceId", letter.sequenceId());
			event.log("Delivered {} to topic={} partition={} offset={} messageId={} sequenceId={}", letter.letter(),
					metadata.topic(), metadata.partition(), metadata.offset(), letter.messageId(), letter.sequenceId());
		}
		finally {
			restore("traceId", previousTrace);
			restore("spanId", previousSpan);
		}
	}

	/**
	 * The record's {@code traceparent}, if it carries a well-formed one.
	 * @param headers the record's headers
	 * @return the header's value, or {@code null}
	 */
	static String traceparent(Headers headers) {
		Header header = headers.lastHeader(TRACEPARENT);
		if (header == null || header.value() == null || header.value().length != 55) {
			return null;
		}
		return new String(header.value(), StandardCharsets.ISO_8859_1);
	}

	private static void restore(String key, String value) {
		if (value != null) {
			MDC.put(key, value);
		}
		else {
			MDC.remove(key);
		}
	}

}
