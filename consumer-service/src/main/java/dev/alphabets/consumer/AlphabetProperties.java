package dev.alphabets.consumer;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the consumer service, bound from {@code alphabet.*} and validated at
 * start-up.
 *
 * @param topic topic the letters are read from
 * @param deadLetterTopic topic that receives the records that can never be applied
 * @param partitions partitions of both topics when this service creates them, and the
 * default listener concurrency
 * @param replicationFactor replication factor of both topics when this service creates
 * them
 * @param minInsyncReplicas the {@code min.insync.replicas} of both topics when this
 * service creates them
 * @param minBrokers fewer live brokers than this makes the Kafka health indicator DOWN
 * @param healthTimeout how long the Kafka health check waits for the cluster to answer
 * @param backOff how the redelivery of a record is spaced while the database is
 * unavailable
 * @param operator the credentials that may read the health details
 * @param delivery the delivery model: {@code at-most-once}, {@code at-least-once} or
 * {@code exactly-once}
 * @param instanceId this instance's {@code group.instance.id} (static membership), unique
 * per instance and stable across its restarts; blank for the default, the host name and
 * the HTTP port ({@code none} for dynamic membership)
 */
@Validated
@ConfigurationProperties(prefix = "alphabet")
public record AlphabetProperties(@DefaultValue("alphabets") @NotBlank String topic,
		@DefaultValue("alphabets-dlt") @NotBlank String deadLetterTopic, @DefaultValue("3") @Min(1) int partitions,
		@DefaultValue("1") @Min(1) short replicationFactor, @DefaultValue("1") @Min(1) int minInsyncReplicas,
		@DefaultValue("1") @Min(1) int minBrokers,
		@DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration healthTimeout,
		@DefaultValue @NotNull @Valid BackOff backOff, @DefaultValue @NotNull @Valid Operator operator,
		@DefaultValue("exactly-once") @NotNull Delivery delivery, @Pattern(regexp = "[A-Za-z0-9._-]*",
				message = "may hold only letters, digits, '.', '_' and '-'") String instanceId) {

	/**
	 * Kafka refuses every {@code acks=all} write, dead letters included, when fewer
	 * replicas than this exist.
	 * @return whether min.insync.replicas fits the replication factor
	 */
	@AssertTrue(message = "alphabet.min-insync-replicas must not exceed alphabet.replication-factor")
	public boolean isMinInsyncReplicasWithinReplicationFactor() {
		return this.minInsyncReplicas <= this.replicationFactor;
	}

	/**
	 * Capped exponential back-off between redeliveries of a record that failed for a
	 * transient reason.
	 *
	 * @param initialInterval wait before the first redelivery
	 * @param multiplier factor applied to the wait after each failed redelivery
	 * @param maxInterval upper bound of the wait between two redeliveries
	 */
	public record BackOff(@DefaultValue("500ms") @NotNull @DurationMin(millis = 1) Duration initialInterval,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier,
			@DefaultValue("30s") @NotNull @DurationMin(millis = 1) Duration maxInterval) {

		/**
		 * Whether the cap is at least the first wait.
		 * @return {@code true} when {@code max-interval >= initial-interval}
		 */
		@AssertTrue(message = "must not be shorter than initial-interval")
		public boolean isMaxIntervalValid() {
			return this.initialInterval == null || this.maxInterval == null
					|| this.maxInterval.compareTo(this.initialInterval) >= 0;
		}

	}

	/**
	 * The operator who may read the health details.
	 *
	 * @param username the HTTP basic user name
	 * @param password the HTTP basic password, or its {@code {bcrypt}...} hash; blank
	 * lets nobody read the details
	 */
	public record Operator(@DefaultValue("operator") @NotBlank String username, String password) {

		/**
		 * Whether a password is set.
		 * @return {@code true} when the operator can log in
		 */
		public boolean enabled() {
			return this.password != null && !this.password.isBlank();
		}

	}

}
