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
 * poll's transaction skips what was applied already.
 */
@Component
class PartitionPositions implements ConsumerAwareRebalanceListener {

	private static final Logger logger = LoggerFactory.getLogger(PartitionPositions.class);

	private final LetterStore store;

	private final PartitionAssignments assignments;

	private final DeliveryStrategy delivery;

	private final ApplyLag lag;

	PartitionPositions(LetterStore store, PartitionAssignments assignments, DeliveryStrategy delivery, ApplyLag lag) {
		this.store = store;
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

	@Override
	public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
		if (!partitions.isEmpty()) {
			this.store.rebalanced();
			this.lag.revoked(partitions);
		}
	}

}
