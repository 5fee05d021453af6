package dev.alphabets.consumer.health;

import java.time.Duration;
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
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

/**
 * Reports whether the Kafka cluster answers, and with enough brokers, through the
 * service's one long-lived {@link AdminClient} and a short timeout. The service starts
 * even when no bootstrap server name resolves (brokers not up yet): it is DOWN with the
 * reason, and becomes ready once the brokers appear.
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator {

	private final SharedAdminClient admin;

	private final Duration timeout;

	private final int minBrokers;

	@Autowired
	KafkaHealthIndicator(SharedAdminClient admin, AlphabetProperties properties) {
		this(admin, properties.healthTimeout(), properties.minBrokers());
	}

	KafkaHealthIndicator(SharedAdminClient admin, Duration timeout, int minBrokers) {
		super("Kafka health check failed");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.admin = admin;
		this.timeout = timeout;
		this.minBrokers = minBrokers;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		String clusterId;
		int brokers;
		try {
			DescribeClusterResult cluster = this.admin.get()
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

}
