package dev.alphabets.producer.health;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
 * succeeds. One long-lived admin client serves every check.
 */
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private final AdminClient admin;

	private final Duration timeout;

	private final int requiredBrokers;

	KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout, int requiredBrokers) {
		super("Kafka health check failed");
		Assert.notNull(adminConfig, "'adminConfig' must not be null");
		Assert.isTrue(requiredBrokers > 0, "'requiredBrokers' must be positive");
		Map<String, Object> config = new HashMap<>(adminConfig);
		int millis = (int) timeout.toMillis();
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
		config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "health-check");
		this.admin = AdminClient.create(config);
		this.timeout = timeout;
		this.requiredBrokers = requiredBrokers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		String clusterId = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		Collection<Node> nodes = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
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

	@Override
	public void destroy() {
		this.admin.close(Duration.ofSeconds(2));
	}

}
