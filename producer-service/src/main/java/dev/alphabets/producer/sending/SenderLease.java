package dev.alphabets.producer.sending;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The lease that makes one process at a time the sender of a sender id: a row with its
 * holder and an expiry, renewed by the live holder. A holder that crashes loses it once
 * it expires; a clean stop releases it at once. The clocks of the processes are assumed
 * to agree to well within the lease's time to live.
 */
final class SenderLease {

	private final JdbcClient jdbc;

	private final String senderId;

	private final Duration ttl;

	private final String holder;

	SenderLease(JdbcClient jdbc, String senderId, Duration ttl) {
		this.jdbc = jdbc;
		this.senderId = senderId;
		this.ttl = ttl;
		this.holder = ManagementFactory.getRuntimeMXBean().getName() + "/"
				+ UUID.randomUUID().toString().substring(0, 8);
	}

	String holder() {
		return this.holder;
	}

	Duration ttl() {
		return this.ttl;
	}

	/**
	 * Takes the lease if it is free or expired, or renews it if this process holds it.
	 * @return whether this process holds it now
	 */
	boolean acquireOrRenew() {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		int updated = this.jdbc
			.sql("UPDATE sender_lease SET holder = :holder, expires_at = :expires WHERE sender_id = :id"
					+ " AND (holder = :holder OR expires_at < :now)")
			.param("holder", this.holder)
			.param("expires", now.plus(this.ttl))
			.param("id", this.senderId)
			.param("now", now)
			.update();
		if (updated == 0) {
			updated = this.jdbc
				.sql("INSERT INTO sender_lease (sender_id, holder, expires_at) VALUES (:id, :holder, :expires)"
						+ " ON CONFLICT DO NOTHING")
				.param("id", this.senderId)
				.param("holder", this.holder)
				.param("expires", now.plus(this.ttl))
				.update();
		}
		return updated == 1;
	}

	/**
	 * Fails the current transaction unless this process holds an unexpired lease: a
	 * process that lost it cannot move the stored position.
	 */
	void assertHeld() {
		int held = this.jdbc
			.sql("SELECT COUNT(*) FROM sender_lease WHERE sender_id = :id AND holder = :holder AND expires_at > :now")
			.param("id", this.senderId)
			.param("holder", this.holder)
			.param("now", OffsetDateTime.now(ZoneOffset.UTC))
			.query(Integer.class)
			.single();
		if (held == 0) {
			throw new IllegalStateException(
					"The sender lease of " + this.senderId + " is no longer held by " + this.holder);
		}
	}

	/** Gives the lease up, so a standby takes over without waiting for it to expire. */
	void release() {
		try {
			this.jdbc.sql("DELETE FROM sender_lease WHERE sender_id = :id AND holder = :holder")
				.param("id", this.senderId)
				.param("holder", this.holder)
				.update();
		}
		catch (DataAccessException ex) {
			// It expires on its own.
		}
	}

}
