package dev.alphabets.producer.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The window's bookkeeping: the watermark moves only over a contiguous run of
 * acknowledged letters, and a failure resumes at the first letter not on its partition.
 */
class InFlightWindowTests {

	private final InFlightWindow window = new InFlightWindow(10);

	@Test
	void watermarkShouldStayAtTheFirstLetterNotAcknowledgedWhateverOrderAcknowledgementsArriveIn() throws Exception {
		this.window.start(new Position("s", 0));
		InFlightWindow.Slot a = next();
		InFlightWindow.Slot b = next();
		InFlightWindow.Slot c = next();
		this.window.acknowledged(c, new Delivery("t", 0, 2));
		this.window.acknowledged(b, new Delivery("t", 0, 1));
		assertThat(this.window.watermark().position()).isEqualTo(new Position("s", 0));
		assertThat(this.window.watermark().behind()).isEqualTo(3);
		this.window.acknowledged(a, new Delivery("t", 0, 0));
		assertThat(this.window.watermark().position()).isEqualTo(new Position("s", 3));
		assertThat(this.window.watermark().ordinal()).isEqualTo(3);
		assertThat(this.window.inFlight()).isZero();
	}

	@Test
	void fullWindowShouldRefuseMoreUntilALetterCompletes() throws Exception {
		InFlightWindow small = new InFlightWindow(1);
		small.start(new Position("s", 0));
		assertThat(small.acquire(Duration.ZERO)).isTrue();
		InFlightWindow.Slot a = small.next(Instant.now());
		assertThat(small.acquire(Duration.ofMillis(10))).isFalse();
		small.acknowledged(a, new Delivery("t", 0, 0));
		assertThat(small.acquire(Duration.ZERO)).isTrue();
	}

	@Test
	void failureShouldResumeAtTheFirstLetterNeitherAcknowledgedNorFoundOnThePartitions() throws Exception {
		this.window.start(new Position("s", 24));
		InFlightWindow.Slot y = next();
		InFlightWindow.Slot z = next();
		InFlightWindow.Slot a = next();
		InFlightWindow.Slot b = next();
		this.window.openEntry(y.letter.messageId());
		assertThat(this.window.failed(y, new SendFailedException(new TimeoutException("expired")))).isTrue();
		assertThat(this.window.failed(z, new SendFailedException(new TimeoutException("aborted")))).isFalse();
		this.window.acknowledged(b, new Delivery("t", 1, 7));
		this.window.failed(a, new SendFailedException(new TimeoutException("aborted")));
		assertThat(this.window.isFailing()).isTrue();

		// Y was written after all (its acknowledgement was lost); Z was not.
		Letter resume = this.window.resolve(Map.of(y.letter.messageId(), new Delivery("t", 0, 5)));

		assertThat(resume).isEqualTo(z.letter);
		assertThat(this.window.isFailing()).isFalse();
		assertThat(this.window.watermark().position()).isEqualTo(new Position("s", 25));
		assertThat(this.window.takeEntriesToClose(this.window.watermark().ordinal()))
			.containsExactly(new InFlightWindow.Acknowledged(y.ordinal, y.letter.messageId(), new Delivery("t", 0, 5)));
		// Z and everything after it is sent again, with the same message ids.
		assertThat(next().letter).isEqualTo(Letter.of("s", 25, z.letter.sentAt()));
		assertThat(next().letter).isEqualTo(a.letter);
		assertThat(next().letter).isEqualTo(b.letter);
	}

	@Test
	void lettersThatNeverCompleteShouldBeGivenUpOnAndDecidedByThePartitionsTails() throws Exception {
		this.window.start(new Position("s", 0));
		InFlightWindow.Slot a = next();
		InFlightWindow.Slot b = next();
		InFlightWindow.Slot c = next();
		this.window.failed(a, new SendFailedException(new TimeoutException("expired")));
		// B and C were handed to the producer as it closed: no callback ever comes.
		assertThat(this.window.awaitDrained(Duration.ofMillis(50))).isFalse();

		assertThat(this.window.abandonIncomplete()).isEqualTo(2);

		assertThat(this.window.awaitDrained(Duration.ZERO)).isTrue();
		assertThat(this.window.inFlight()).isZero();
		// A late completion of a letter given up on changes nothing.
		this.window.acknowledged(c, new Delivery("t", 0, 9));
		assertThat(this.window.failed(b, new SendFailedException(new TimeoutException("late")))).isFalse();
		// B was written after all, C was not: sending resumes at A, and B and C go again.
		Letter resume = this.window.resolve(Map.of(b.letter.messageId(), new Delivery("t", 0, 8)));
		assertThat(resume).isEqualTo(a.letter);
		assertThat(this.window.watermark().position()).isEqualTo(new Position("s", 0));
		assertThat(next().letter.index()).isZero();
		assertThat(next().letter).isEqualTo(b.letter);
		assertThat(next().letter).isEqualTo(c.letter);
	}

	private InFlightWindow.Slot next() throws InterruptedException {
		assertThat(this.window.acquire(Duration.ZERO)).isTrue();
		return this.window.next(Instant.parse("2026-12-01T10:00:00Z"));
	}

}
