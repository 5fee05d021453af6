package dev.alphabets.consumer.sequences;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import dev.alphabets.consumer.ConsumerIntegrationTestSupport;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sequences API and the metrics show what was received, including gaps and letters
 * out of order.
 */
class SequencesApiTests extends ConsumerIntegrationTestSupport {

	@Test
	void aGapAndAnOutOfOrderLetterShowInTheApiAndInTheMetrics() throws Exception {
		String sequenceId = newSequenceId();
		double gaps = count("alphabet.messages.gaps");
		double outOfOrder = count("alphabet.messages.out.of.order");
		sendLetter(sequenceId, 0);
		sendLetter(sequenceId, 1);
		sendLetter(sequenceId, 3);
		RecordMetadata last = sendLetter(sequenceId, 2);
		awaitAcknowledged(last);

		assertThat(count("alphabet.messages.gaps") - gaps).isEqualTo(1);
		assertThat(count("alphabet.messages.out.of.order") - outOfOrder).isEqualTo(1);
		JsonNode summary = summaryOf(json(get("/api/sequences?incomplete=true&limit=1000").body()), sequenceId);
		assertThat(summary.get("lettersReceived").asInt()).isEqualTo(4);
		assertThat(summary.get("complete").asBoolean()).isFalse();
		assertThat(summary.get("missingIndexes")).hasSize(22);
		assertThat(summary.get("missingIndexes").get(0).asInt()).isEqualTo(4);
		assertThat(summary.get("duplicateCount").asLong()).isZero();
		assertThat(summary.get("firstReceivedAt").asString()).isNotBlank();

		JsonNode detail = json(get("/api/sequences/" + sequenceId).body());
		assertThat(detail.get("sequenceId").asString()).isEqualTo(sequenceId);
		assertThat(detail.get("letters")).hasSize(4);
		JsonNode letterD = detail.get("letters").get(3);
		assertThat(letterD.get("letter").asString()).isEqualTo("D");
		assertThat(letterD.get("partition").asInt()).isEqualTo(last.partition());
		assertThat(letterD.get("offset").asLong()).isEqualTo(last.offset() - 1);

		String prometheus = get("/actuator/prometheus").body();
		assertThat(prometheus).contains("alphabet_messages_gaps_total", "alphabet_messages_out_of_order_total",
				"alphabet_messages_processing_seconds_count");
	}

	@Test
	void theConsumerLagOfEachPartitionIsExposedToPrometheus() {
		// Micrometer binds the client's per-partition metrics when it next scans the
		// consumer's metrics, at most a minute after the partitions were assigned.
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> get("/actuator/prometheus").body()
				.lines()
				.anyMatch((line) -> line.startsWith("kafka_consumer_fetch_manager_records_lag{")
						&& line.contains("partition=\"") && line.contains("topic=\"alphabets\"")));
	}

	@Test
	void aCompleteSequenceIsListedAsCompleteAndNotAmongTheIncompleteOnes() throws Exception {
		String sequenceId = newSequenceId();
		RecordMetadata last = null;
		for (int index = 0; index < 26; index++) {
			last = sendLetter(sequenceId, index);
		}
		awaitAcknowledged(last);
		JsonNode summary = summaryOf(json(get("/api/sequences?from=2000-01-01T00:00:00Z&limit=1000").body()),
				sequenceId);
		assertThat(summary.get("complete").asBoolean()).isTrue();
		assertThat(summary.get("missingIndexes")).isEmpty();
		assertThat(summaryOf(json(get("/api/sequences?incomplete=true&limit=1000").body()), sequenceId)).isNull();
		assertThat(summaryOf(json(get("/api/sequences?to=2000-01-01T00:00:00Z&limit=1000").body()), sequenceId))
			.isNull();
	}

	@Test
	void badFiltersAndUnknownSequencesAreAnsweredWithProblemDetails() throws Exception {
		HttpResponse<String> badInstant = get("/api/sequences?from=yesterday");
		assertThat(badInstant.statusCode()).isEqualTo(400);
		assertThat(badInstant.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(badInstant.body()).get("status").asInt()).isEqualTo(400);

		HttpResponse<String> reversed = get("/api/sequences?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z");
		assertThat(reversed.statusCode()).isEqualTo(400);
		assertThat(json(reversed.body()).get("detail").asString()).isEqualTo("'from' must be before 'to'");

		HttpResponse<String> unknown = get("/api/sequences/no-such-sequence");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(unknown.body()).get("detail").asString()).contains("no-such-sequence");
	}

	@Test
	void theListIsPagedWithALimitAndAnOffsetAndALinkToTheNextPage() throws Exception {
		RecordMetadata last = null;
		for (int i = 0; i < 3; i++) {
			last = sendLetter(newSequenceId(), 0);
		}
		awaitAcknowledged(last);
		HttpResponse<String> first = get("/api/sequences?limit=2");
		assertThat(json(first.body())).hasSize(2);
		String next = first.headers().firstValue("Link").orElseThrow();
		assertThat(next).contains("offset=2").contains("limit=2").endsWith("rel=\"next\"");
		HttpResponse<String> second = get("/api/sequences?limit=2&offset=2");
		assertThat(json(second.body()).get(0).get("sequenceId").asString())
			.isNotEqualTo(json(first.body()).get(0).get("sequenceId").asString())
			.isNotEqualTo(json(first.body()).get(1).get("sequenceId").asString());
		HttpResponse<String> all = get("/api/sequences?limit=1000");
		assertThat(all.headers().firstValue("Link")).isEmpty();
		for (String bad : List.of("limit=0", "limit=1001", "offset=-1")) {
			HttpResponse<String> response = get("/api/sequences?" + bad);
			assertThat(response.statusCode()).as(bad).isEqualTo(400);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		}
	}

	private static JsonNode summaryOf(JsonNode sequences, String sequenceId) {
		for (JsonNode sequence : sequences) {
			if (sequence.get("sequenceId").asString().equals(sequenceId)) {
				return sequence;
			}
		}
		return null;
	}

}
