package dev.alphabets.consumer.sequences;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code consumer_offsets} table: the next offset of each partition, the truth about
 * what this consumer group has applied. Kafka's committed offsets only follow it.
 */
public class ConsumerOffsets {

	private final JdbcClient jdbc;

	ConsumerOffsets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Reads the stored positions, for a seek on assignment.
	 * @param group the consumer group
	 * @param topic the topic
	 * @param partitions the partitions
	 * @return the next offset of each partition that has one stored
	 */
	public Map<Integer, Long> read(String group, String topic, Collection<Integer> partitions) {
		Map<Integer, Long> offsets = new HashMap<>();
		if (partitions.isEmpty()) {
			return offsets;
		}
		this.jdbc.sql("""
				SELECT kafka_partition, next_offset FROM consumer_offsets
				WHERE consumer_group = :group AND topic = :topic AND kafka_partition IN (:partitions)""")
			.param("group", group)
			.param("topic", topic)
			.param("partitions", partitions)
			.query((rs) -> {
				offsets.put(rs.getInt(1), rs.getLong(2));
			});
		return offsets;
	}

	/**
	 * Moves a partition's position to the end of a poll, in the caller's transaction. The
	 * row lock it takes orders two consumers that both believe they own the partition.
	 * @param group the consumer group
	 * @param polled the partition and the offsets the poll covered
	 * @return the position stored before, when it lies past the start of the poll (its
	 * records before it were applied already); empty otherwise
	 */
	OptionalLong advance(String group, PolledPartition polled) {
		int updated = this.jdbc.sql("""
				UPDATE consumer_offsets SET next_offset = :next, updated_at = :now
				WHERE consumer_group = :group AND topic = :topic AND kafka_partition = :partition
				AND next_offset <= :first""")
			.param("next", polled.nextOffset())
			.param("now", LetterStore.utc(Instant.now()))
			.param("group", group)
			.param("topic", polled.topic())
			.param("partition", polled.partition())
			.param("first", polled.firstOffset())
			.update();
		if (updated == 1) {
			return OptionalLong.empty();
		}
		Long stored = this.jdbc.sql("""
				SELECT next_offset FROM consumer_offsets
				WHERE consumer_group = ? AND topic = ? AND kafka_partition = ? FOR UPDATE""")
			.params(group, polled.topic(), polled.partition())
			.query(Long.class)
			.optional()
			.orElse(null);
		if (stored == null) {
			// A concurrent insert of the same row fails this transaction, which is then
			// retried and finds the row.
			this.jdbc.sql("""
					INSERT INTO consumer_offsets (consumer_group, topic, kafka_partition, next_offset, updated_at)
					VALUES (?, ?, ?, ?, ?)""")
				.params(group, polled.topic(), polled.partition(), polled.nextOffset(), LetterStore.utc(Instant.now()))
				.update();
			return OptionalLong.empty();
		}
		moveForward(group, polled.topic(), polled.partition(), polled.nextOffset());
		return OptionalLong.of(stored);
	}

	/**
	 * Moves a partition's position forward to the given offset, never back, in the
	 * caller's transaction or one of its own.
	 * @param group the consumer group
	 * @param topic the topic
	 * @param partition the partition
	 * @param nextOffset the new position
	 */
	public void moveForward(String group, String topic, int partition, long nextOffset) {
		int updated = this.jdbc.sql("""
				UPDATE consumer_offsets SET next_offset = ?, updated_at = ?
				WHERE consumer_group = ? AND topic = ? AND kafka_partition = ? AND next_offset < ?""")
			.params(nextOffset, LetterStore.utc(Instant.now()), group, topic, partition, nextOffset)
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO consumer_offsets (consumer_group, topic, kafka_partition, next_offset, updated_at)
					VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
				.params(group, topic, partition, nextOffset, LetterStore.utc(Instant.now()))
				.update();
		}
	}

}
