package dev.alphabets.consumer.receiving;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.alphabets.consumer.health.PartitionAssignments;
import dev.alphabets.consumer.sequences.LetterStore;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * In exactly-once, seeks each assigned partition to the position stored in the database
 * with the letters, and tells Kafka the same position (for lag tools). A partition
 * without a stored position starts where Kafka's committed offset (or
 * {@code auto.offset.reset}) puts it. When the database cannot be read, the consumer
 * starts from Kafka's position, which is never ahead of the stored one, and the first
 * poll's transaction skips what was applied already. Before reading them, the positions
 * stored for an earlier topic of the same name (another topic id: deleted and created
 * again, or a cluster rebuilt empty while the database was kept) are forgotten, so that
 * the new topic's records are read from Kafka's position and not skipped as applied.
 */
@Component
class PartitionPositions implements ConsumerAwareRebalanceListener {

	private static final Logger logger = LoggerFactory.getLogger(PartitionPositions.class);

	private final LetterStore store;

	private final PartitionAssignments assignments;

	private final DeliveryStrategy delivery;

	private final ApplyLag lag;

	private final TopicIds topicIds;

	PartitionPositions(LetterStore store, PartitionAssignments assignments, DeliveryStrategy delivery, ApplyLag lag,
			TopicIds topicIds) {
		this.store = store;
		this.topicIds = topicIds;
		store.offsets().lookUpTopicIdsWith(topicIds);
		this.delivery = delivery;
		this.assignments = assignments;
		this.lag = lag;
	}

	@Override
	public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		this.store.rebalanced();
		if (!this.delivery.seeksToStoredPositions()) {
			logger.info("Assigned {}; starting from Kafka's committed offsets", partitions);
			this.assignments.assigned();
			return;
		}
		try {
			String group = consumer.groupMetadata().groupId();
			Map<String, List<TopicPartition>> byTopic = partitions.stream()
				.collect(Collectors.groupingBy(TopicPartition::topic));
			forgetEarlierTopics(group, byTopic.keySet());
			Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
			for (Map.Entry<String, List<TopicPartition>> topic : byTopic.entrySet()) {
				Map<Integer, Long> stored = this.store.offsets()
					.read(group, topic.getKey(), topic.getValue().stream().map(TopicPartition::partition).toList());
				for (TopicPartition partition : topic.getValue()) {
					Long position = stored.get(partition.partition());
					if (position != null) {
						consumer.seek(partition, position);
						positions.put(partition, new OffsetAndMetadata(position));
					}
				}
			}
			if (!positions.isEmpty()) {
				consumer.commitAsync(positions, null);
			}
			logger.info("Assigned {}; positions stored in the database: {} (the others start from Kafka's)", partitions,
					positions.keySet());
		}
		catch (RuntimeException ex) {
			logger.warn("Reading the stored positions of {} failed ({}): starting from Kafka's, the first poll "
					+ "skips what was applied already", partitions, ErrorHandlerConfiguration.rootMessage(ex));
		}
		this.assignments.assigned();
	}

	private void forgetEarlierTopics(String group, Collection<String> topics) {
		Map<String, String> ids;
		try {
			ids = this.topicIds.of(topics);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.warn("Looking up the ids of topics {} failed ({}): their stored positions are taken as they are",
					topics, ErrorHandlerConfiguration.rootMessage(ex));
			return;
		}
		ids.forEach((topic, id) -> {
			int forgotten = this.store.offsets().belongTo(group, topic, id);
			if (forgotten > 0) {
				logger.warn("Topic {} now has id {}: forgot the positions of {} partitions stored for an earlier "
						+ "topic of that name (deleted and created again, or another cluster); they start from "
						+ "Kafka's position", topic, id, forgotten);
			}
		});
	}

	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty()) {
			this.store.rebalanced();
			this.lag.revoked(partitions);
		}
	}

}
