package dev.alphabets.producer;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The producer's own settings, bound from {@code alphabet.*}.
 *
 * @param topic the topic the letters are sent to
 * @param deadLetterTopic the consumer's dead-letter topic, declared here so it exists
 * with as many partitions as the topic
 * @param partitions the number of partitions of both topics
 * @param replicationFactor the replication factor of both topics
 * @param minInsyncReplicas the {@code min.insync.replicas} of both topics, and the number
 * of brokers readiness requires
 * @param sender the scheduled sender's settings
 * @param operator the credentials that guard the failed-message write endpoints
 * @param delivery the delivery model: {@code at-most-once}, {@code at-least-once} or
 * {@code exactly-once}
 */
@Validated
@ConfigurationProperties("alphabet")
public record AlphabetProperties(
		@DefaultValue("alphabets") @NotBlank @Pattern(regexp = "[a-zA-Z0-9._-]{1,249}",
				message = "must be a legal Kafka topic name") String topic,
		@DefaultValue("alphabets-dlt") @NotBlank @Pattern(regexp = "[a-zA-Z0-9._-]{1,249}",
				message = "must be a legal Kafka topic name") String deadLetterTopic,
		@DefaultValue("3") @Min(1) @Max(1000) int partitions,
		@DefaultValue("1") @Min(1) @Max(7) short replicationFactor,
		@DefaultValue("1") @Min(1) @Max(7) int minInsyncReplicas, @DefaultValue @Valid @NotNull Sender sender,
		@DefaultValue @Valid @NotNull Operator operator,
		@DefaultValue("at-least-once") @NotNull DeliveryModel delivery) {

	/**
	 * Kafka refuses every {@code acks=all} write when fewer replicas than this exist.
	 * @return whether min.insync.replicas fits the replication factor
	 */
	@AssertTrue(message = "alphabet.min-insync-replicas must not exceed alphabet.replication-factor")
	public boolean isMinInsyncReplicasWithinReplicationFactor() {
		return this.minInsyncReplicas <= this.replicationFactor;
	}

	/**
	 * The scheduled sender's settings.
	 *
	 * @param interval the time between letters, as a rate: letter n is due at start + n ×
	 * interval (1ms holds 1,000 letters/s); zero sends as fast as the window allows
	 * @param enabled whether the sender runs at all
	 * @param exitOnPermanentFailure whether a permanent error ends the process with a
	 * non-zero code instead of stopping the sender
	 * @param id the key of this sender's durable progress
	 * @param maxInFlight the most letters sent but not yet acknowledged; the sender waits
	 * when the window is full
	 * @param commitEvery the acknowledgements after which the watermark is stored (group
	 * commit)
	 * @param commitInterval the longest time an acknowledged letter waits for its group
	 * commit
	 * @param leaseTtl how long the sender lease outlives its holder's last renewal: a
	 * standby takes over this long after the holder crashed
	 * @param positionTopic the compacted topic where the exactly-once sender stores its
	 * position, in the transaction of its letters
	 * @param transactionSize the most letters in one transaction (exactly-once)
	 * @param transactionInterval the longest time one transaction stays open
	 * (exactly-once), below the client's {@code transaction.timeout.ms}; with a longer
	 * {@code interval} each letter is a transaction of its own
	 */
	public record Sender(@DefaultValue("2s") @NotNull @DurationMin(millis = 0) Duration interval,
			@DefaultValue("true") boolean enabled, @DefaultValue("false") boolean exitOnPermanentFailure,
			@DefaultValue("alphabet-sender") @NotBlank String id,
			@DefaultValue("1000") @Min(1) @Max(100_000) int maxInFlight,
			@DefaultValue("10000") @Min(1) @Max(1_000_000) int commitEvery,
			@DefaultValue("100ms") @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 60) Duration commitInterval,
			@DefaultValue("10s") @NotNull @DurationMin(seconds = 1) @DurationMax(minutes = 10) Duration leaseTtl,
			@DefaultValue("alphabets-sender-positions") @NotBlank @Pattern(regexp = "[a-zA-Z0-9._-]{1,249}",
					message = "must be a legal Kafka topic name") String positionTopic,
			@DefaultValue("10000") @Min(1) @Max(1_000_000) int transactionSize,
			@DefaultValue("100ms") @NotNull @DurationMin(millis = 1) @DurationMax(
					seconds = 30) Duration transactionInterval) {
	}

	/**
	 * The operator who may replay and discard failed messages.
	 *
	 * @param username the HTTP basic user name
	 * @param password the HTTP basic password, or its {@code {bcrypt}...} hash; blank
	 * disables the write endpoints
	 * @param replayTimeout how long a replay waits for the broker before it answers 202
	 * (the replay goes on and its entry turns DELIVERED once acknowledged)
	 */
	public record Operator(@DefaultValue("operator") @NotBlank String username, String password,
			@DefaultValue("10s") @NotNull @DurationMin(millis = 1) @DurationMax(minutes = 5) Duration replayTimeout) {

		public boolean enabled() {
			return this.password != null && !this.password.isBlank();
		}

	}

}
