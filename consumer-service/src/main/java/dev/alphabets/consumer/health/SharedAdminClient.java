package dev.alphabets.consumer.health;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * The service's one long-lived {@link AdminClient} for its own questions to the cluster
 * (the Kafka health check, the topics' ids), created on first use: it cannot be created
 * while no bootstrap server name resolves (brokers not up yet), and the service must
 * still start. Each caller sets its own timeouts per call.
 */
@Component
public class SharedAdminClient implements AutoCloseable {

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final Map<String, Object> config;

	private AdminClient adminClient;

	private boolean closed;

	@Autowired
	SharedAdminClient(KafkaAdmin kafkaAdmin) {
		this(kafkaAdmin.getConfigurationProperties());
	}

	SharedAdminClient(Map<String, Object> config) {
		this.config = Map.copyOf(config);
	}

	/**
	 * The client, created by the first call.
	 * @return the client
	 * @throws org.apache.kafka.common.KafkaException when no bootstrap server resolves;
	 * the next call tries again
	 */
	public synchronized AdminClient get() {
		Assert.state(!this.closed, "Shutting down");
		if (this.adminClient == null) {
			this.adminClient = AdminClient.create(this.config);
		}
		return this.adminClient;
	}

	@Override
	public synchronized void close() {
		this.closed = true;
		if (this.adminClient != null) {
			this.adminClient.close(CLOSE_TIMEOUT);
		}
	}

}
