package dev.alphabets.consumer.receiving;

import java.nio.charset.StandardCharsets;
import java.util.stream.StreamSupport;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Reads the trace a record carries in its W3C {@code traceparent} header. The listener is
 * a batch listener: the container's observation (one span per record, a child of the
 * producer's) ends before the batch is processed, so the letter's trace id is read here
 * to be stored and logged with it.
 */
final class RecordTrace {

	private static final TextMapGetter<Headers> HEADERS = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Headers carrier) {
			return StreamSupport.stream(carrier.spliterator(), false).map(Header::key).toList();
		}

		@Override
		public String get(Headers carrier, String key) {
			Header header = (carrier != null) ? carrier.lastHeader(key) : null;
			return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8)
					: null;
		}

	};

	private RecordTrace() {
	}

	/**
	 * The record's trace id.
	 * @param record the record as it arrived
	 * @return 32 lower-case hex digits, or {@code null} when the record carries no valid
	 * {@code traceparent}
	 */
	static String traceId(ConsumerRecord<?, ?> record) {
		if (record.headers().lastHeader("traceparent") == null) {
			return null;
		}
		Context context = W3CTraceContextPropagator.getInstance().extract(Context.root(), record.headers(), HEADERS);
		SpanContext span = Span.fromContext(context).getSpanContext();
		return span.isValid() ? span.getTraceId() : null;
	}

}
