package dev.alphabets.producer.sending;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;

import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A partition goes cold with every new producer and warm with the first letter the
 * current producer has acknowledged there.
 */
class PartitionWarmUpTests {

	private final PartitionWarmUp warmUp = new PartitionWarmUp(() -> 3);

	@Test
	void aPartitionShouldStayColdUntilTheCurrentProducerHasALetterAcknowledgedThere() {
		String key = keyFor(1);
		assertThat(this.warmUp.isCold(key)).isTrue();
		this.warmUp.acknowledged(0, this.warmUp.generation());
		assertThat(this.warmUp.isCold(key)).isTrue();
		this.warmUp.acknowledged(1, this.warmUp.generation());
		assertThat(this.warmUp.isCold(key)).isFalse();
	}

	@Test
	void aNewProducerShouldMakeEveryPartitionColdAndIgnoreTheOldOnesAcknowledgements() {
		String key = keyFor(2);
		int old = this.warmUp.generation();
		this.warmUp.acknowledged(2, old);
		assertThat(this.warmUp.isCold(key)).isFalse();
		this.warmUp.reset();
		assertThat(this.warmUp.isCold(key)).isTrue();
		this.warmUp.acknowledged(2, old);
		assertThat(this.warmUp.isCold(key)).isTrue();
		this.warmUp.acknowledged(2, this.warmUp.generation());
		assertThat(this.warmUp.isCold(key)).isFalse();
	}

	@Test
	void anUnknownPartitionCountShouldSendEveryLetterAlone() {
		PartitionWarmUp unknown = new PartitionWarmUp(() -> {
			throw new IllegalStateException("no metadata");
		});
		unknown.acknowledged(0, unknown.generation());
		assertThat(unknown.isCold(keyFor(0))).isTrue();
	}

	/** A key that the client's partitioner puts on this partition of three. */
	private static String keyFor(int partition) {
		return IntStream.range(0, 1000)
			.mapToObj((n) -> "sequence-" + n)
			.filter((key) -> Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 3 == partition)
			.findFirst()
			.orElseThrow();
	}

}
