package dev.alphabets.producer.sending;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which partitions have acknowledged a letter from the current producer. Until one has,
 * the sender holds it to one letter in flight. A new producer id has no state on a
 * partition's leader, and the leader accepts any first sequence from it (KAFKA-15591): if
 * the producer's first batch for the partition gets NOT_LEADER_OR_FOLLOWER while a later
 * batch is accepted, the later letters are written first and the sequence is out of
 * order. One letter alone gives the leader this producer's state. Every new producer (at
 * start, and after each failure closed the old one) starts cold.
 */
final class PartitionWarmUp {

	private static final Logger logger = LoggerFactory.getLogger(PartitionWarmUp.class);

	private final Set<Integer> warm = ConcurrentHashMap.newKeySet();

	private final IntSupplier partitionCount;

	private volatile int partitions;

	private volatile int generation;

	/**
	 * @param partitionCount the topic's partition count, as the producer sees it
	 */
	PartitionWarmUp(IntSupplier partitionCount) {
		this.partitionCount = partitionCount;
	}

	/** A new producer: every partition is cold again. */
	synchronized void reset() {
		this.generation++;
		this.warm.clear();
		this.partitions = 0;
	}

	/**
	 * The current producer's number: a letter sent now carries it to its acknowledgement.
	 */
	int generation() {
		return this.generation;
	}

	/**
	 * A letter was acknowledged on this partition.
	 * @param partition where
	 * @param sentIn the {@link #generation()} when it was sent: an acknowledgement for an
	 * earlier producer says nothing of the current one
	 */
	synchronized void acknowledged(int partition, int sentIn) {
		if (sentIn == this.generation) {
			this.warm.add(partition);
		}
	}

	/**
	 * Whether a letter with this key must be sent alone: its partition has not yet
	 * acknowledged a letter from the current producer, or its partition is not known.
	 * @param key the record's key, the letter's sequence id
	 */
	boolean isCold(String key) {
		int count = this.partitions;
		if (count == 0) {
			try {
				count = this.partitionCount.getAsInt();
				this.partitions = count;
			}
			catch (RuntimeException ex) {
				logger.debug("Partition count unknown, sending one letter at a time: {}", ex.getMessage());
				return true;
			}
		}
		if (this.warm.size() >= count) {
			return false;
		}
		// The client's own partitioner for a keyed record (murmur2 of the key's bytes).
		int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % count;
		return !this.warm.contains(partition);
	}

}
