package dev.alphabets.consumer.sequences;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What has been received of one A-Z sequence.
 *
 * @param sequenceId id of the sequence
 * @param lettersReceived how many distinct letters are stored
 * @param complete whether all 26 letters are stored
 * @param missingIndexes indexes (0 for A) not stored yet
 * @param duplicateCount how many redeliveries of already stored letters were seen
 * @param firstReceivedAt when the first stored letter was received
 * @param lastReceivedAt when the last stored letter was received
 */
public record SequenceSummary(String sequenceId, int lettersReceived, boolean complete, List<Integer> missingIndexes,
		long duplicateCount, Instant firstReceivedAt, Instant lastReceivedAt) {

	static final int LETTERS = 26;

	static SequenceSummary of(String sequenceId, Set<Integer> indexes, long duplicateCount, Instant first,
			Instant last) {
		List<Integer> missing = IntStream.range(0, LETTERS).filter((i) -> !indexes.contains(i)).boxed().toList();
		return new SequenceSummary(sequenceId, indexes.size(), missing.isEmpty(), missing, duplicateCount, first, last);
	}

}
