package dev.alphabets.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * The two services' databases of one scenario, read by the suite while they run.
 */
final class Stores {

	private final ScenarioSettings settings;

	private final Database database;

	Stores(ScenarioSettings settings, Database database) {
		this.settings = settings;
		this.database = database;
	}

	/** The producer's settings that point it at its own, fresh database. */
	List<String> producerArguments() {
		return this.database.serviceArguments(this.settings.id() + "_producer");
	}

	/** The consumer's settings that point it at its own database. */
	List<String> consumerArguments() {
		H2Server server = this.settings.consumerDatabase();
		return (server != null) ? server.serviceArguments()
				: this.database.serviceArguments(this.settings.id() + "_consumer");
	}

	Connection connectProducerStore() throws SQLException {
		return this.database.connect(this.settings.id() + "_producer");
	}

	Connection connectConsumerStore() throws SQLException {
		H2Server server = this.settings.consumerDatabase();
		return (server != null) ? server.connect() : this.database.connect(this.settings.id() + "_consumer");
	}

	/** Whether any of these letters is in {@code received_messages}. */
	boolean anyApplied(List<String> messageIds) throws SQLException {
		if (messageIds.isEmpty()) {
			return false;
		}
		String marks = String.join(",", Collections.nCopies(messageIds.size(), "?"));
		try (Connection connection = connectConsumerStore();
				PreparedStatement statement = connection
					.prepareStatement("SELECT COUNT(*) FROM received_messages WHERE message_id IN (" + marks + ")")) {
			for (int i = 0; i < messageIds.size(); i++) {
				statement.setString(i + 1, messageIds.get(i));
			}
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1) > 0;
			}
		}
	}

	int pendingMessages() throws SQLException {
		try (Connection connection = connectProducerStore();
				PreparedStatement statement = connection
					.prepareStatement("SELECT COUNT(*) FROM failed_messages WHERE status = ?")) {
			statement.setString(1, "PENDING");
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

}
