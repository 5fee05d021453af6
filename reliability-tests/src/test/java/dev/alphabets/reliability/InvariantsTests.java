package dev.alphabets.reliability;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.alphabets.reliability.Truth.Received;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The invariants against each pair of models' promise, on a truth made by hand: no
 * broker, no service.
 */
class InvariantsTests {

	private static final DeliveryModels AT_MOST_ONCE = DeliveryModels.parse("at-most-once");

	private static final DeliveryModels AT_LEAST_ONCE = DeliveryModels.parse("at-least-once");

	private static final DeliveryModels EXACTLY_ONCE = DeliveryModels.parse("exactly-once");

	@Test
	void aLetterLostInAtMostOnceShouldBeCountedNotFailed() {
		Truth truth = truth(List.of("a", "b", "c"), List.of(received("a", 0, 1), received("c", 2, 1)), List.of());
		Invariants invariants = check(truth, AT_MOST_ONCE);
		assertThat(invariants.violations()).isEmpty();
		assertThat(invariants.counts().lost()).isEqualTo(1);
	}

	@Test
	void aLetterLostInTheDefaultModelsShouldFail() {
		Truth truth = truth(List.of("a", "b", "c"), List.of(received("a", 0, 1), received("c", 2, 1)), List.of());
		assertThat(check(truth, DeliveryModels.DEFAULT).violations()).anyMatch((v) -> v.contains("1 letter(s) lost"));
	}

	@Test
	void aLetterAppliedTwiceShouldBeCountedInAtLeastOnceAndFailIdempotentAtLeastOnce() {
		Truth truth = truth(List.of("a", "b"), List.of(received("a", 0, 2), received("b", 1, 1)), List.of());
		Invariants atLeastOnce = check(truth, AT_LEAST_ONCE);
		assertThat(atLeastOnce.violations()).isEmpty();
		assertThat(atLeastOnce.counts().appliedTwice()).isEqualTo(1);
		assertThat(check(truth, DeliveryModels.DEFAULT).violations()).containsExactly("1 letter(s) applied twice");
	}

	@Test
	void aSecondCopyInTheTopicShouldBeAllowedForAnAtLeastOnceProducerAndFailExactlyOnce() {
		Truth truth = truth(List.of("a", "b", "b"), List.of(received("a", 0, 1), received("b", 1, 1)), List.of("b"));
		Invariants idempotent = check(truth, DeliveryModels.DEFAULT);
		assertThat(idempotent.violations()).isEmpty();
		assertThat(idempotent.counts().deliveredTwice()).isEqualTo(1);
		assertThat(check(truth, EXACTLY_ONCE).violations()).containsExactly("1 letter(s) delivered twice",
				"1 second cop(ies) of a messageId committed to the topic");
	}

	@Test
	void anOrderBreakShouldFailEveryModel() {
		Truth truth = truth(List.of("a", "b"), List.of(received("b", 1, 1), received("a", 0, 1)), List.of());
		for (DeliveryModels models : List.of(AT_MOST_ONCE, AT_LEAST_ONCE, EXACTLY_ONCE, DeliveryModels.DEFAULT)) {
			Invariants invariants = check(truth, models);
			assertThat(invariants.counts().orderBreaks()).as(models.label()).isEqualTo(1);
			assertThat(invariants.violations()).as(models.label()).anyMatch((v) -> v.contains("in order"));
		}
	}

	@Test
	void theMatrixShouldShowEachModelAndMarkWhatBreaksItsPromise() {
		Invariants.Counts counts = new Invariants.Counts(3, 3, 2, 1, 0, 0, 0, 0, 0);
		String matrix = ModelMatrix.markdown(List.of(row(AT_LEAST_ONCE, counts), row(EXACTLY_ONCE, counts)));
		assertThat(matrix).contains("| Scenario | at-least-once | exactly-once |")
			.contains("| 9. kill -9 the consumer | 0 / 0 / 1 / 0 | 0 / 0 / **1** / 0 |");
	}

	@Test
	void modelsShouldBePassedOnlyWhenSelected() {
		assertThat(DeliveryModels.DEFAULT.producerArguments()).isEmpty();
		assertThat(DeliveryModels.parse("at-least-once/exactly-once").consumerArguments())
			.containsExactly("--alphabet.delivery=exactly-once");
		assertThat(DeliveryModels.parse("at-least-once/exactly-once").suffix()).isEqualTo("_alo_eo");
	}

	private static ReliabilityReport.Row row(DeliveryModels models, Invariants.Counts counts) {
		return new ReliabilityReport.Row(9, "9. kill -9 the consumer", models, counts, Duration.ofSeconds(1), "PASS");
	}

	private static Invariants check(Truth truth, DeliveryModels models) {
		return new Invariants(truth, new ScenarioSettings(9, "test", models, Path.of("target")), List.of());
	}

	/** Every letter in the topic is acknowledged; all letters are one sequence. */
	private static Truth truth(List<String> topic, List<Received> received, List<String> duplicates) {
		List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
		for (String messageId : topic) {
			RecordHeaders headers = new RecordHeaders();
			headers.add("message-id", messageId.getBytes(StandardCharsets.UTF_8));
			letters.add(new ConsumerRecord<>("alphabets", 0, letters.size(), 0L, TimestampType.CREATE_TIME, 0, 0, null,
					new byte[0], headers, Optional.empty()));
		}
		Set<String> acknowledged = new LinkedHashSet<>(topic);
		return new Truth(acknowledged, Map.of(), letters, List.of(), received, duplicates);
	}

	private static Received received(String messageId, int index, int appliedCount) {
		return new Received(messageId, "seq", index, 0, index, appliedCount);
	}

}
