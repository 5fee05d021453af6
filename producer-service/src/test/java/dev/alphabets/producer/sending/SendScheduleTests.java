package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interval as a rate: letter n is due at start + n × interval, a sender behind
 * catches up by at most a window and a second, and an interval of seconds never has two
 * letters due at once.
 */
class SendScheduleTests {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	@Test
	void lettersShouldBeDueOnAnAbsoluteScheduleWhateverEachSendTook() {
		SendSchedule schedule = new SendSchedule(Duration.ofMillis(1), 1000, this.now::get);
		assertThat(schedule.untilDue()).isLessThanOrEqualTo(0);
		schedule.sent();
		// The send and the wait took 0.3 ms more than planned: the next letter is due
		// sooner, not one whole interval later.
		advance(Duration.ofMillis(1).plusNanos(300_000));
		assertThat(schedule.untilDue()).isLessThanOrEqualTo(0);
		schedule.sent();
		assertThat(schedule.untilDue()).isEqualTo(Duration.ofMillis(2).minusNanos(1_300_000).toNanos());
		long sent = 2;
		for (int millis = 0; millis < 1000; millis++) {
			advance(Duration.ofMillis(1));
			while (schedule.untilDue() <= 0) {
				schedule.sent();
				sent++;
			}
		}
		assertThat(sent).isEqualTo(1002);
	}

	@Test
	void aSenderBehindShouldCatchUpByAtMostASecondOfLetters() {
		SendSchedule schedule = new SendSchedule(Duration.ofMillis(1), 1000, this.now::get);
		schedule.sent();
		advance(Duration.ofSeconds(5));
		assertThat(dueAtOnce(schedule)).isBetween(1000, 1001);
		advance(Duration.ofMillis(1));
		assertThat(dueAtOnce(schedule)).isEqualTo(1);
	}

	@Test
	void aSenderBehindShouldCatchUpByAtMostOneWindow() {
		SendSchedule schedule = new SendSchedule(Duration.ofMillis(1), 100, this.now::get);
		schedule.sent();
		advance(Duration.ofSeconds(5));
		assertThat(dueAtOnce(schedule)).isBetween(100, 101);
	}

	@Test
	void anIntervalOfSecondsShouldNeverHaveTwoLettersDueAtOnce() {
		SendSchedule schedule = new SendSchedule(Duration.ofSeconds(2), 1000, this.now::get);
		assertThat(dueAtOnce(schedule)).isEqualTo(1);
		assertThat(schedule.untilDue()).isEqualTo(Duration.ofSeconds(2).toNanos());
		// A send that blocked for a minute (no metadata): one letter, then a pause.
		advance(Duration.ofMinutes(1));
		assertThat(dueAtOnce(schedule)).isEqualTo(1);
		assertThat(schedule.untilDue()).isPositive();
		advance(Duration.ofSeconds(2));
		assertThat(dueAtOnce(schedule)).isEqualTo(1);
	}

	@Test
	void aRestartShouldMakeTheNextLetterDueNowAndForgetTheDebt() {
		SendSchedule schedule = new SendSchedule(Duration.ofMillis(10), 1000, this.now::get);
		schedule.sent();
		schedule.sent();
		assertThat(schedule.untilDue()).isEqualTo(Duration.ofMillis(20).toNanos());
		schedule.restart();
		assertThat(dueAtOnce(schedule)).isEqualTo(1);
		assertThat(schedule.untilDue()).isEqualTo(Duration.ofMillis(10).toNanos());
	}

	@Test
	void anIntervalOfZeroShouldAlwaysBeDue() {
		SendSchedule schedule = new SendSchedule(Duration.ZERO, 1000, this.now::get);
		for (int i = 0; i < 10; i++) {
			assertThat(schedule.untilDue()).isZero();
			schedule.sent();
		}
	}

	private int dueAtOnce(SendSchedule schedule) {
		int due = 0;
		while (schedule.untilDue() <= 0 && due < 100_000) {
			schedule.sent();
			due++;
		}
		return due;
	}

	private void advance(Duration duration) {
		this.now.addAndGet(duration.toNanos());
	}

}
