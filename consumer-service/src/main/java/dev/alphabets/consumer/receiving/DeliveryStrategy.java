package dev.alphabets.consumer.receiving;

import java.util.List;

import dev.alphabets.consumer.Delivery;
import dev.alphabets.consumer.sequences.PolledPartition;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * What the delivery model changes around storing a poll: whether the offsets are
 * committed to Kafka before the letters are stored, whether an assigned partition seeks
 * to the position stored in the database, and which records the consumer reads.
 */
interface DeliveryStrategy {

	/**
	 * Called on the consumer thread with the poll read, before anything of it is stored.
	 * @param partitions the partitions of the poll with the offsets it covered
	 * @param consumer the consumer that polled them
	 */
	void beforeStoring(List<PolledPartition> partitions, Consumer<?, ?> consumer);

	/**
	 * Whether an assigned partition seeks to the position stored with the letters.
	 * @return {@code true} when the database holds the positions
	 */
	boolean seeksToStoredPositions();

	/**
	 * The consumer's {@code isolation.level}.
	 * @return {@code read_committed} or {@code read_uncommitted}
	 */
	String isolationLevel();

	static DeliveryStrategy of(Delivery delivery) {
		return switch (delivery) {
			case AT_MOST_ONCE -> new CommitBeforeStoring();
			case AT_LEAST_ONCE -> new StoreThenCommit(false, "read_uncommitted");
			case EXACTLY_ONCE -> new StoreThenCommit(true, "read_committed");
		};
	}

	/**
	 * At-least-once and exactly-once: the poll is stored, then acknowledged.
	 *
	 * @param seeksToStoredPositions whether the positions are stored with the letters
	 * @param isolationLevel the consumer's isolation level
	 */
	record StoreThenCommit(boolean seeksToStoredPositions, String isolationLevel) implements DeliveryStrategy {

		@Override
		public void beforeStoring(List<PolledPartition> partitions, Consumer<?, ?> consumer) {
		}

	}

}
