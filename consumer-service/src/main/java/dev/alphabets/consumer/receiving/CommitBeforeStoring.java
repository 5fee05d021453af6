package dev.alphabets.consumer.receiving;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.alphabets.consumer.sequences.PolledPartition;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * At-most-once: the poll's next offsets are committed to Kafka, and the commit waited
 * for, before any letter of it is stored. A crash after the commit loses the poll; no
 * redelivery can apply a letter twice. (A store that fails while the process lives is
 * retried from memory by the error handler, as in the other models: nothing of it had
 * committed.)
 */
final class CommitBeforeStoring implements DeliveryStrategy {

	@Override
	public void beforeStoring(List<PolledPartition> partitions, Consumer<?, ?> consumer) {
		Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
		for (PolledPartition polled : partitions) {
			offsets.put(new TopicPartition(polled.topic(), polled.partition()),
					new OffsetAndMetadata(polled.nextOffset()));
		}
		try {
			consumer.commitSync(offsets);
		}
		catch (RuntimeException ex) {
			throw new CommitFailedBeforeStoringException("Committing " + offsets + " before storing failed", ex);
		}
	}

	@Override
	public boolean seeksToStoredPositions() {
		return false;
	}

	@Override
	public String isolationLevel() {
		return "read_uncommitted";
	}

}
