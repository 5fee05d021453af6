package dev.alphabets.producer.health;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Kafka is up when the cluster answers within a short timeout and has at least as many
 * live brokers as {@code min.insync.replicas}, without which no {@code acks=all} write
 * succeeds. One long-lived admin client serves every check. It is created by the first
 * check, not at start-up: a client cannot be created while no bootstrap server name
 * resolves (brokers not up yet), and the service must still start, DOWN with the reason,
 * and become ready once the brokers appear.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final Map<String, Object> config;

	private final Duration timeout;

	private final int requiredBrokers;

	private AdminClient admin;

	private boolean closed;

	KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout, int requiredBrokers) {
		super("Kafka health check failed");
		Assert.notNull(adminConfig, "'adminConfig' must not be null");
		Assert.isTrue(requiredBrokers > 0, "'requiredBrokers' must be positive");
		Map<String, Object> config = new HashMap<>(adminConfig);
		int millis = (int) timeout.toMillis();
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
		config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "health-check");
		this.config = config;
		this.timeout = timeout;
		this.requiredBrokers = requiredBrokers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		Collection<Node> nodes;
		String clusterId;
		try {
			DescribeClusterResult cluster = admin()
				.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
			clusterId = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
			nodes = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			builder.down().withDetail("reason", KafkaFailure.reason(ex.getCause()));
			return;
		}
		catch (Exception ex) {
			builder.down().withDetail("reason", KafkaFailure.reason(ex));
			return;
		}
		builder.withDetail("clusterId", clusterId)
			.withDetail("brokerCount", nodes.size())
			.withDetail("requiredBrokers", this.requiredBrokers);
		if (nodes.size() < this.requiredBrokers) {
			builder.down()
				.withDetail("reason", "only " + nodes.size() + " of the " + this.requiredBrokers
						+ " brokers that min.insync.replicas requires are live");
			return;
		}
		builder.up();
	}

	// Creating the client resolves the bootstrap servers and throws when none resolves:
	// the check reports that and tries again next time.
	private synchronized AdminClient admin() {
		Assert.state(!this.closed, "Shutting down");
		if (this.admin == null) {
			this.admin = AdminClient.create(this.config);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		this.closed = true;
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(2));
		}
	}

}
