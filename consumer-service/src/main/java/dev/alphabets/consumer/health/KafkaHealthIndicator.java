package dev.alphabets.consumer.health;

import java.time.Duration;
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
 * long-lived {@link AdminClient} and a short timeout.
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

	private final AdminClient adminClient;

	private final Duration timeout;

	private final int minBrokers;

	@Autowired
	KafkaHealthIndicator(KafkaAdmin kafkaAdmin, AlphabetProperties properties) {
		this(AdminClient.create(kafkaAdmin.getConfigurationProperties()), properties.healthTimeout(),
				properties.minBrokers());
	}

	KafkaHealthIndicator(AdminClient adminClient, Duration timeout, int minBrokers) {
		super("Kafka health check failed");
		Assert.notNull(adminClient, "'adminClient' must not be null");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.adminClient = adminClient;
		this.timeout = timeout;
		this.minBrokers = minBrokers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = this.adminClient
			.describeCluster(new DescribeClusterOptions().timeoutMs((int) this.timeout.toMillis()));
		String clusterId = cluster.clusterId().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		int brokers = cluster.nodes().get(this.timeout.toMillis(), TimeUnit.MILLISECONDS).size();
		builder.status((brokers >= this.minBrokers) ? Status.UP : Status.DOWN);
		builder.withDetail("clusterId", clusterId)
			.withDetail("brokerCount", brokers)
			.withDetail("minBrokers", this.minBrokers);
	}

	@Override
	public void close() {
		this.adminClient.close(this.timeout);
	}

}
