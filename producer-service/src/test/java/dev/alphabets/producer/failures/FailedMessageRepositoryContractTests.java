package dev.alphabets.producer.failures;

import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.alphabets.producer.sending.Delivery;
import dev.alphabets.producer.sending.Letter;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failed-message store's behaviour, run against each database it supports by a
 * subclass that provides the data source.
 */
abstract class FailedMessageRepositoryContractTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private FailedMessageRepository repository;

	protected abstract DataSource dataSource();

	protected abstract String schema();

	@BeforeEach
	void migrateCleanSchema() {
		Flyway flyway = Flyway.configure()
			.dataSource(dataSource())
			.schemas(schema())
			.createSchemas(true)
			.cleanDisabled(false)
			.load();
		flyway.clean();
		flyway.migrate();
		this.repository = new FailedMessageRepository(JdbcClient.create(dataSource()));
	}

	@Test
	void recordFailureShouldStoreOnceAndCountFurtherAttempts() {
		Letter letter = letter(3);
		FailedMessage first = store(letter, FailedMessageStatus.PENDING, "TimeoutException: Expiring 1 record(s)");
		FailedMessage second = store(letter, FailedMessageStatus.PENDING, "TimeoutException: not present in metadata");

		assertThat(second.id()).isEqualTo(first.id());
		assertThat(second.attempts()).isEqualTo(2);
		assertThat(second.reason()).isEqualTo("TimeoutException: not present in metadata");
		assertThat(second.letter()).isEqualTo("D");
		assertThat(second.index()).isEqualTo(3);
		assertThat(second.sequenceId()).isEqualTo(letter.sequenceId());
		assertThat(JSON.readValue(second.payload(), Letter.class)).isEqualTo(letter);
		assertThat(this.repository.countByStatus(FailedMessageStatus.PENDING)).isEqualTo(1);
		assertThat(this.repository.auditTrail(first.id())).extracting(AuditEntry::action).containsExactly("STORED");
	}

	@Test
	void markDeliveredShouldKeepPartitionOffsetAndAuditOnlyOpenEntries() {
		Letter letter = letter(0);
		FailedMessage stored = store(letter, FailedMessageStatus.FAILED, "RecordTooLargeException: too large");

		FailedMessage delivered = this.repository
			.markDelivered(letter.messageId(), new Delivery("alphabets", 2, 41L), "operator", "REPLAYED")
			.orElseThrow();
		assertThat(delivered.status()).isEqualTo(FailedMessageStatus.DELIVERED);
		assertThat(delivered.deliveredPartition()).isEqualTo(2);
		assertThat(delivered.deliveredOffset()).isEqualTo(41L);
		assertThat(this.repository.markDelivered(letter.messageId(), new Delivery("alphabets", 2, 42L), "sender",
				"DELIVERED"))
			.isEmpty();
		assertThat(this.repository.markDelivered(letter(1).messageId(), new Delivery("alphabets", 0, 1L), "sender",
				"DELIVERED"))
			.isEmpty();
		assertThat(this.repository.auditTrail(stored.id())).extracting(AuditEntry::action, AuditEntry::actor)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("STORED", "sender"),
					org.assertj.core.groups.Tuple.tuple("REPLAYED", "operator"));
	}

	@Test
	void discardShouldOnlyAcceptFailedEntries() {
		FailedMessage failed = store(letter(1), FailedMessageStatus.FAILED, "TopicAuthorizationException: denied");
		FailedMessage pending = store(letter(2), FailedMessageStatus.PENDING, "TimeoutException: expired");

		assertThat(this.repository.discard(failed.id(), "operator")).isTrue();
		assertThat(this.repository.discard(failed.id(), "operator")).isFalse();
		assertThat(this.repository.discard(pending.id(), "operator")).isFalse();
		assertThat(this.repository.findById(failed.id()).orElseThrow().status())
			.isEqualTo(FailedMessageStatus.DISCARDED);
		assertThat(this.repository.findById(pending.id()).orElseThrow().status())
			.isEqualTo(FailedMessageStatus.PENDING);
	}

	@Test
	void searchShouldCombineStatusTimeRangeAndCaseInsensitiveText() {
		FailedMessage timeout = store(letter(4), FailedMessageStatus.PENDING, "TimeoutException: Expiring 1 record(s)");
		FailedMessage tooLarge = store(letter(5), FailedMessageStatus.FAILED, "RecordTooLargeException: too large");
		Instant before = timeout.createdAt().minusSeconds(60);
		Instant after = tooLarge.createdAt().plusSeconds(60);

		assertThat(ids(new FailedMessageQuery(null, null, null, null, 100))).containsExactly(tooLarge.id(),
				timeout.id());
		assertThat(ids(new FailedMessageQuery(FailedMessageStatus.PENDING, null, null, null, 100)))
			.containsExactly(timeout.id());
		assertThat(ids(new FailedMessageQuery(null, null, null, "EXPIRING", 100))).containsExactly(timeout.id());
		assertThat(ids(new FailedMessageQuery(null, null, null, tooLarge.messageId(), 100)))
			.containsExactly(tooLarge.id());
		assertThat(ids(new FailedMessageQuery(null, before, after, null, 100))).hasSize(2);
		assertThat(ids(new FailedMessageQuery(null, after, null, null, 100))).isEmpty();
		assertThat(ids(new FailedMessageQuery(null, null, before, null, 100))).isEmpty();
		assertThat(ids(new FailedMessageQuery(null, null, null, null, 1))).containsExactly(tooLarge.id());
		assertThat(ids(new FailedMessageQuery(null, null, null, "it's 100% _not_ there", 100))).isEmpty();
	}

	private java.util.List<Long> ids(FailedMessageQuery query) {
		return this.repository.search(query).stream().map(FailedMessage::id).toList();
	}

	private FailedMessage store(Letter letter, FailedMessageStatus status, String reason) {
		return this.repository.recordFailure(letter, "alphabets", JSON.writeValueAsString(letter), status, reason,
				"org.apache.kafka.common.errors." + reason.substring(0, reason.indexOf(':')));
	}

	private static Letter letter(int index) {
		return Letter.of(UUID.randomUUID().toString(), index, Instant.now());
	}

}
