package dev.alphabets.consumer.health;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import dev.alphabets.consumer.AlphabetProperties;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Reports whether the Kafka cluster answers, and with enough brokers, through one
 * long-lived {@link AdminClient} and a short timeout. The client is created by the first
 * check, not at start-up: it cannot be created while no bootstrap server name resolves
 * (brokers not up yet), and the service must still start, DOWN with the reason, and
 * become ready once the brokers appear.
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

	private final Map<String, Object> config;

	private final Duration timeout;

	private final int minBrokers;

	private AdminClient adminClient;

	private boolean closed;

	@Autowired
	KafkaHealthIndicator(KafkaAdmin kafkaAdmin, AlphabetProperties properties) {
		this(kafkaAdmin.getConfigurationProperties(), properties.healthTimeout(), properties.minBrokers());
	}

	KafkaHealthIndicator(Map<String, Object> config, Duration timeout, int minBrokers) {
		super("Kafka health check failed");
		Assert.notNull(config, "'config' must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.config = Map.copyOf(config);
		this.timeout = timeout;
		this.minBrokers = minBrokers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		String clusterId;
		int brokers;
		try {
			DescribeClusterResult cluster = adminClient()
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
			clusterId = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			brokers = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).size();
		}
		catch (ExecutionException ex) {
			builder.down().withDetail("reason", KafkaFailure.reason(ex.getCause()));
			return;
		}
		catch (Exception ex) {
			builder.down().withDetail("reason", KafkaFailure.reason(ex));
			return;
		}
		builder.status((brokers >= this.minBrokers) ? Status.UP : Status.DOWN);
		builder.withDetail("clusterId", clusterId)
			.withDetail("brokerCount", brokers)
			.withDetail("minBrokers", this.minBrokers);
	}

	// Creating the client resolves the bootstrap servers and throws when none resolves:
	// the check reports that and tries again next time.
	private synchronized AdminClient adminClient() {
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
			this.adminClient.close(this.timeout);
		}
	}

}
