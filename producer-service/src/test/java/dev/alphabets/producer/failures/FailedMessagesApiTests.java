package dev.alphabets.producer.failures;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.HttpTestClient;
import dev.alphabets.producer.SenderDisabledApplicationTest;
import dev.alphabets.producer.TopicRecords;
import dev.alphabets.producer.sending.Letter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failed-message store over HTTP: filters, problem details, credentials, and replay
 * and discard with their audit trail.
 */
@SenderDisabledApplicationTest
class FailedMessagesApiTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	FailedMessageRepository repository;

	@Autowired
	EmbeddedKafkaBroker broker;

	@LocalServerPort
	int port;

	@Test
	void searchShouldFilterByStatusTextAndTimeRange() {
		String marker = "marker-" + UUID.randomUUID();
		FailedMessage pending = store(FailedMessageStatus.PENDING, "TimeoutException: " + marker);
		FailedMessage failed = store(FailedMessageStatus.FAILED, "RecordTooLargeException: " + marker);
		HttpTestClient http = new HttpTestClient(this.port);

		assertThat(ids(http.get("/api/failed-messages?text=" + marker))).containsExactly(failed.id(), pending.id());
		assertThat(ids(http.get("/api/failed-messages?status=PENDING&text=" + marker))).containsExactly(pending.id());
		assertThat(ids(http.get("/api/failed-messages?status=FAILED&text=toolarge" + "&limit=1000")))
			.contains(failed.id())
			.doesNotContain(pending.id());
		String from = Instant.now().minusSeconds(3600).toString();
		String to = Instant.now().plusSeconds(3600).toString();
		assertThat(ids(http.get("/api/failed-messages?text=" + marker + "&from=" + from + "&to=" + to)))
			.containsExactly(failed.id(), pending.id());
		assertThat(ids(http.get("/api/failed-messages?text=" + marker + "&to=" + from))).isEmpty();
	}

	@Test
	void badFiltersShouldAnswer400AsProblemDetails() {
		HttpTestClient http = new HttpTestClient(this.port);
		for (String query : List.of("status=LOST", "from=yesterday",
				"from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z", "limit=0")) {
			HttpTestClient.Response response = http.get("/api/failed-messages?" + query);
			assertThat(response.status()).as(query).isEqualTo(400);
			assertThat(response.contentType()).as(query).startsWith("application/problem+json");
			assertThat(response.json().get("status").asInt()).isEqualTo(400);
		}
	}

	@Test
	void unknownIdShouldAnswer404AsProblemDetails() {
		HttpTestClient http = new HttpTestClient(this.port);
		HttpTestClient.Response response = http.get("/api/failed-messages/987654321");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("detail").asString()).contains("987654321");
		assertThat(http.post("/api/failed-messages/987654321/replay", SenderDisabledApplicationTest.OPERATOR).status())
			.isEqualTo(404);
	}

	@Test
	void writesWithoutOrWithWrongCredentialsShouldBeRefused() {
		FailedMessage failed = store(FailedMessageStatus.FAILED, "RecordTooLargeException: too large");
		HttpTestClient http = new HttpTestClient(this.port);
		assertThat(http.post("/api/failed-messages/" + failed.id() + "/replay", null).status()).isEqualTo(401);
		assertThat(http.post("/api/failed-messages/" + failed.id() + "/replay", "operator:wrong").status())
			.isEqualTo(401);
		assertThat(http.delete("/api/failed-messages/" + failed.id(), null).status()).isEqualTo(401);
		assertThat(this.repository.findById(failed.id()).orElseThrow().status()).isEqualTo(FailedMessageStatus.FAILED);
	}

	@Test
	void replayShouldDeliverWithTheSameMessageIdAndThenConflict() {
		FailedMessage failed = store(FailedMessageStatus.FAILED, "RecordTooLargeException: too large");
		HttpTestClient http = new HttpTestClient(this.port);

		HttpTestClient.Response replayed = http.post("/api/failed-messages/" + failed.id() + "/replay",
				SenderDisabledApplicationTest.OPERATOR);
		assertThat(replayed.status()).isEqualTo(200);
		JsonNode body = replayed.json();
		assertThat(body.get("status").asString()).isEqualTo("DELIVERED");
		int partition = body.get("deliveredPartition").asInt();
		long offset = body.get("deliveredOffset").asLong();

		ConsumerRecord<String, String> delivered = TopicRecords.readAt(this.broker.getBrokersAsString(), "alphabets",
				partition, offset);
		assertThat(TopicRecords.header(delivered, "message-id")).isEqualTo(failed.messageId());
		assertThat(delivered.key()).isEqualTo(failed.sequenceId());
		assertThat(JSON.readTree(delivered.value()).get("messageId").asString()).isEqualTo(failed.messageId());

		HttpTestClient.Response again = http.post("/api/failed-messages/" + failed.id() + "/replay",
				SenderDisabledApplicationTest.OPERATOR);
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
		assertThat(http.delete("/api/failed-messages/" + failed.id(), SenderDisabledApplicationTest.OPERATOR).status())
			.isEqualTo(409);
		assertThat(http.get("/api/failed-messages/" + failed.id()).json().get("audit").findValuesAsString("action"))
			.containsExactly("STORED", "REPLAYED");
	}

	@Test
	void discardShouldKeepTheEntryWithAnAuditTrailAndRefusePendingOnes() {
		FailedMessage failed = store(FailedMessageStatus.FAILED, "TopicAuthorizationException: denied");
		FailedMessage pending = store(FailedMessageStatus.PENDING, "TimeoutException: expired");
		HttpTestClient http = new HttpTestClient(this.port);

		HttpTestClient.Response discarded = http.delete("/api/failed-messages/" + failed.id(),
				SenderDisabledApplicationTest.OPERATOR);
		assertThat(discarded.status()).isEqualTo(200);
		assertThat(discarded.json().get("message").get("status").asString()).isEqualTo("DISCARDED");
		JsonNode audit = http.get("/api/failed-messages/" + failed.id()).json().get("audit");
		assertThat(audit.findValuesAsString("action")).containsExactly("STORED", "DISCARDED");
		assertThat(audit.get(1).get("actor").asString()).isEqualTo("operator");

		assertThat(http.delete("/api/failed-messages/" + pending.id(), SenderDisabledApplicationTest.OPERATOR).status())
			.isEqualTo(409);
		assertThat(this.repository.findById(pending.id()).orElseThrow().status())
			.isEqualTo(FailedMessageStatus.PENDING);
	}

	private FailedMessage store(FailedMessageStatus status, String reason) {
		Letter letter = Letter.of(UUID.randomUUID().toString(), 4, Instant.now());
		return this.repository.recordFailure(letter, "alphabets", JSON.writeValueAsString(letter), status, reason,
				"org.apache.kafka.common.errors.SomeException");
	}

	private static List<Long> ids(HttpTestClient.Response response) {
		assertThat(response.status()).isEqualTo(200);
		return response.json().findValues("id").stream().map(JsonNode::asLong).toList();
	}

}
