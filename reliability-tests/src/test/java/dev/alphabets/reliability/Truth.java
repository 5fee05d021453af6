package dev.alphabets.reliability;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.alphabets.testsupport.KafkaCluster;
import dev.alphabets.testsupport.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.IsolationLevel;

/**
 * What a scenario left behind, read once it has ended: the producer's log and store, the
 * consumer's store, and both topics as a {@code read_committed} reader sees them.
 *
 * @param acknowledged the message ids the producer logged as acknowledged, in order
 * @param stored the producer's failed-message store, message id to status
 * @param letters the topic's records without the poison pills
 * @param deadLetters the dead-letter topic's records
 * @param received the rows of {@code received_messages}, in the order they were applied
 * @param duplicates the message ids of {@code duplicate_deliveries}
 */
record Truth(Set<String> acknowledged, Map<String, String> stored, List<ConsumerRecord<byte[], byte[]>> letters,
		List<ConsumerRecord<byte[], byte[]>> deadLetters, List<Received> received, List<String> duplicates) {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	static Truth collect(Scenario scenario) throws Exception {
		KafkaCluster cluster = scenario.cluster();
		ScenarioSettings settings = scenario.settings();
		Set<String> acknowledged = new LinkedHashSet<>();
		scenario.acknowledged().forEach((acknowledgement) -> acknowledged.add(acknowledgement.messageId()));
		Set<String> pillPositions = scenario.pills()
			.stream()
			.map((pill) -> pill.partition() + "@" + pill.offset())
			.collect(Collectors.toSet());
		List<ConsumerRecord<byte[], byte[]>> letters = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : readCommitted(cluster, settings.topic())) {
			if (!pillPositions.contains(record.partition() + "@" + record.offset())) {
				letters.add(record);
			}
		}
		List<ConsumerRecord<byte[], byte[]>> deadLetters = readCommitted(cluster, settings.deadLetterTopic());
		Map<String, String> stored = new LinkedHashMap<>();
		try (Connection connection = scenario.stores().connectProducerStore();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT message_id, status FROM failed_messages")) {
			while (rows.next()) {
				stored.put(rows.getString(1), rows.getString(2));
			}
		}
		List<Received> received = new ArrayList<>();
		List<String> duplicates = new ArrayList<>();
		try (Connection connection = scenario.stores().connectConsumerStore()) {
			readReceived(connection, received);
			try (Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT message_id FROM duplicate_deliveries")) {
				while (rows.next()) {
					duplicates.add(rows.getString(1));
				}
			}
		}
		return new Truth(acknowledged, stored, letters, deadLetters, received, duplicates);
	}

	/**
	 * A non-transactional producer's records are all committed, so this reads what a
	 * plain reader would; a transactional one's aborted records are left out.
	 */
	private static List<ConsumerRecord<byte[], byte[]>> readCommitted(KafkaCluster cluster, String topic)
			throws Exception {
		return TopicRecords.readAll(cluster.clientConfig(), TopicRecords.partitions(cluster.admin(), topic),
				IsolationLevel.READ_COMMITTED, READ_TIMEOUT);
	}

	/**
	 * Reads {@code received_messages}. A consumer without the {@code applied_count}
	 * column (before the delivery models) applied each row once.
	 */
	private static void readReceived(Connection connection, List<Received> received) throws SQLException {
		String columns = "message_id, sequence_id, letter_index, kafka_partition, kafka_offset";
		String order = " FROM received_messages ORDER BY received_at, kafka_offset";
		boolean counted = hasAppliedCount(connection);
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT " + columns + (counted ? ", applied_count" : ", 1") + order)) {
			while (rows.next()) {
				received.add(new Received(rows.getString(1), rows.getString(2), rows.getInt(3), rows.getInt(4),
						rows.getLong(5), rows.getInt(6)));
			}
		}
	}

	private static boolean hasAppliedCount(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.setMaxRows(1);
			statement.executeQuery("SELECT applied_count FROM received_messages").close();
			return true;
		}
		catch (SQLException ex) {
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
			return false;
		}
	}

	/**
	 * One row of {@code received_messages}, in the order the consumer applied them.
	 *
	 * @param messageId the message id
	 * @param sequenceId the sequence id
	 * @param index the letter's index in its sequence
	 * @param partition the partition it was read from
	 * @param offset the offset it was read from
	 * @param appliedCount how often it was applied (1 where the consumer dedupes)
	 */
	record Received(String messageId, String sequenceId, int index, int partition, long offset, int appliedCount) {
	}

}
