package dev.alphabets.consumer;

import java.net.http.HttpResponse;
import java.util.List;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database outage holds the letters back, without dead-lettering or losing any, and
 * makes the service unready until the database is back.
 */
class DatabaseOutageTests extends ConsumerIntegrationTestSupport {

	@Autowired
	private DataSource dataSource;

	@AfterEach
	void databaseUp() {
		((SwitchableDataSource) this.dataSource).up();
	}

	@Test
	void lettersReceivedWhileTheDatabaseIsDownAreStoredWhenItIsBackAndNoneIsDeadLettered() throws Exception {
		SwitchableDataSource database = (SwitchableDataSource) this.dataSource;
		String sequenceId = newSequenceId();
		double deadLettered = count("alphabet.messages.dead.lettered");
		double consumed = count("alphabet.messages.consumed");
		database.down();
		RecordMetadata last = null;
		for (int index = 0; index < 5; index++) {
			last = sendLetter(sequenceId, index);
		}
		// The first letter is redelivered again and again while the outage lasts.
		await().atMost(TIMEOUT).until(() -> count("alphabet.messages.consumed") - consumed >= 4);
		await().atMost(TIMEOUT).untilAsserted(() -> {
			HttpResponse<String> readiness = getAsOperator("/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(503);
			assertThat(json(readiness.body()).at("/components/db/status").asString()).isEqualTo("DOWN");
		});
		assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(committedOffset(last.partition())).isLessThanOrEqualTo(last.offset() - 4);

		database.up();
		awaitAcknowledged(last);
		List<Integer> indexes = this.jdbc
			.sql("SELECT letter_index FROM received_messages WHERE sequence_id = ? ORDER BY kafka_offset")
			.param(sequenceId)
			.query(Integer.class)
			.list();
		assertThat(indexes).containsExactly(0, 1, 2, 3, 4);
		assertThat(count("alphabet.messages.dead.lettered")).isEqualTo(deadLettered);
		await().atMost(TIMEOUT).until(() -> get("/actuator/health/readiness").statusCode() == 200);
	}

}
