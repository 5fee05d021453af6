package dev.alphabets.consumer.sequences;

import java.util.List;
import java.util.Map;

/**
 * What storing one poll did.
 *
 * @param results for each letter, in the order given, what storing it did
 * @param storedPositions the position stored before the poll, for each partition whose
 * stored position lay past the poll's first offset
 */
public record PollOutcome(List<StoreResult> results, Map<PolledPartition, Long> storedPositions) {

	/**
	 * Whether a record lies before its partition's stored position, so that it was
	 * handled by an earlier poll.
	 * @param topic topic of the record
	 * @param partition partition of the record
	 * @param offset offset of the record
	 * @return {@code true} when the record was handled already
	 */
	public boolean handledBefore(String topic, int partition, long offset) {
		for (Map.Entry<PolledPartition, Long> entry : this.storedPositions.entrySet()) {
			if (entry.getKey().partition() == partition && entry.getKey().topic().equals(topic)) {
				return offset < entry.getValue();
			}
		}
		return false;
	}

}
