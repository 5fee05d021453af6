package dev.alphabets.consumer.sequences;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code consumer_offsets} table: the next offset of each partition, the truth about
 * what this consumer group has applied. Kafka's committed offsets only follow it. Each
 * position is written with the Kafka topic id it belongs to, once known: positions of an
 * earlier topic of the same name (deleted and created again, or a cluster rebuilt empty)
 * are forgotten, never taken as the new topic's.
 */
public class ConsumerOffsets {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerOffsets.class);

	private final JdbcClient jdbc;

	private final Map<String, String> topicIds = new ConcurrentHashMap<>();

	private volatile TopicIdLookup lookup;

	ConsumerOffsets(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Makes the given topic id the one the topic's positions belong to: positions stored
	 * for another id are deleted, and positions written from now on carry this one.
	 * Positions without an id (written before ids were kept) stay and take this one when
	 * next written.
	 * @param group the consumer group
	 * @param topic the topic
	 * @param topicId the topic's id in the cluster the consumer reads
	 * @return how many partitions' positions were forgotten
	 */
	public int belongTo(String group, String topic, String topicId) {
		this.topicIds.put(topic, topicId);
		return this.jdbc.sql("""
				DELETE FROM consumer_offsets
				WHERE consumer_group = ? AND topic = ? AND topic_id IS NOT NULL AND topic_id <> ?""")
			.params(group, topic, topicId)
			.update();
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
				UPDATE consumer_offsets SET next_offset = :next, updated_at = :now,
				topic_id = COALESCE(:topicId, topic_id)
				WHERE consumer_group = :group AND topic = :topic AND kafka_partition = :partition
				AND next_offset <= :first""")
			.param("next", polled.nextOffset())
			.param("topicId", this.topicIds.get(polled.topic()))
			.param("now", LetterStore.utc(Instant.now()))
			.param("group", group)
			.param("topic", polled.topic())
			.param("partition", polled.partition())
			.param("first", polled.firstOffset())
			.update();
		if (updated == 1) {
			return OptionalLong.empty();
		}
		StoredPosition stored = this.jdbc.sql("""
				SELECT next_offset, topic_id FROM consumer_offsets
				WHERE consumer_group = ? AND topic = ? AND kafka_partition = ? FOR UPDATE""")
			.params(group, polled.topic(), polled.partition())
			.query((rs, row) -> new StoredPosition(rs.getLong(1), rs.getString(2)))
			.optional()
			.orElse(null);
		if (stored == null) {
			// A concurrent insert of the same row fails this transaction, which is then
			// retried and finds the row.
			this.jdbc
				.sql("""
						INSERT INTO consumer_offsets (consumer_group, topic, kafka_partition, next_offset, updated_at, topic_id)
						VALUES (?, ?, ?, ?, ?, ?)""")
				.params(group, polled.topic(), polled.partition(), polled.nextOffset(), LetterStore.utc(Instant.now()),
						this.topicIds.get(polled.topic()))
				.update();
			return OptionalLong.empty();
		}
		String currentId = (stored.topicId() != null) ? currentTopicId(polled.topic()) : null;
		if (currentId != null && !currentId.equals(stored.topicId())) {
			// The position is an earlier topic's of the same name, recreated under a
			// running
			// consumer that was reset to the new topic's start: nothing of it was
			// applied.
			this.topicIds.put(polled.topic(), currentId);
			this.jdbc.sql("""
					UPDATE consumer_offsets SET next_offset = ?, updated_at = ?, topic_id = ?
					WHERE consumer_group = ? AND topic = ? AND kafka_partition = ?""")
				.params(polled.nextOffset(), LetterStore.utc(Instant.now()), currentId, group, polled.topic(),
						polled.partition())
				.update();
			logger.warn(
					"Partition {}-{} belongs to a new topic (id {}, was {}): its position {} stored for the earlier "
							+ "topic is replaced, and the poll from offset {} is applied",
					polled.topic(), polled.partition(), currentId, stored.topicId(), stored.nextOffset(),
					polled.firstOffset());
			return OptionalLong.empty();
		}
		moveForward(group, polled.topic(), polled.partition(), polled.nextOffset());
		return OptionalLong.of(stored.nextOffset());
	}

	private String currentTopicId(String topic) {
		TopicIdLookup lookup = this.lookup;
		return (lookup != null) ? lookup.currentId(topic) : null;
	}

	/**
	 * Lets positions be checked against their topic's current id when a poll starts
	 * before the stored position, the one case where records would be skipped as applied.
	 * @param lookup looks up a topic's current id in the cluster
	 */
	public void lookUpTopicIdsWith(TopicIdLookup lookup) {
		this.lookup = lookup;
	}

	private record StoredPosition(long nextOffset, String topicId) {
	}

	/**
	 * Looks up a topic's current id in the cluster.
	 */
	@FunctionalInterface
	public interface TopicIdLookup {

		/**
		 * The topic's current id.
		 * @param topic the topic's name
		 * @return its id, or {@code null} when it could not be looked up
		 */
		String currentId(String topic);

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
				UPDATE consumer_offsets SET next_offset = ?, updated_at = ?, topic_id = COALESCE(?, topic_id)
				WHERE consumer_group = ? AND topic = ? AND kafka_partition = ? AND next_offset < ?""")
			.params(nextOffset, LetterStore.utc(Instant.now()), this.topicIds.get(topic), group, topic, partition,
					nextOffset)
			.update();
		if (updated == 0) {
			this.jdbc
				.sql("""
						INSERT INTO consumer_offsets (consumer_group, topic, kafka_partition, next_offset, updated_at, topic_id)
						VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
				.params(group, topic, partition, nextOffset, LetterStore.utc(Instant.now()), this.topicIds.get(topic))
				.update();
		}
	}

}
