package dev.alphabets.producer.sending;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the sender's position moves from letter to letter and from round to round.
 */
class PositionTests {

	@Test
	void theRoundAfterARoundShouldAlwaysGetTheSameSequenceSoACrashPastTheWatermarkRepeatsIt() {
		Position last = new Position("3b8f3c1e-5d2a-4c4e-9b1a-2f7e6d5c4b3a", Letter.ROUND_LENGTH - 1);
		Position next = last.next();
		assertThat(next.nextIndex()).isZero();
		assertThat(next.sequenceId()).isNotEqualTo(last.sequenceId()).isEqualTo(last.next().sequenceId());
		assertThat(next.next().sequenceId()).isEqualTo(next.sequenceId());
		assertThat(new Position(next.sequenceId(), Letter.ROUND_LENGTH - 1).next().sequenceId())
			.isNotEqualTo(next.sequenceId())
			.isNotEqualTo(last.sequenceId());
	}

	@Test
	void theNextSequenceShouldBeTheNameBasedUuidOfTheRoundSoStoredPositionsCarryOverAcrossVersions() {
		String sequence = "3b8f3c1e-5d2a-4c4e-9b1a-2f7e6d5c4b3a";
		assertThat(Position.nextSequenceId(sequence))
			.isEqualTo(UUID.nameUUIDFromBytes((sequence + "/next").getBytes(StandardCharsets.UTF_8)).toString());
	}

	@Test
	void aLetterWithinARoundShouldKeepTheSequence() {
		Position first = new Position("s", 0);
		assertThat(first.next()).isEqualTo(new Position("s", 1));
		assertThat(first.isAt(Letter.of("s", 0, java.time.Instant.EPOCH))).isTrue();
	}

}
