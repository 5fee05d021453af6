package dev.alphabets.producer.sending;

import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;

/**
 * Keeps every producer of the factory from sending while the sender resolves a failed
 * send. The first failure closes the producer, and the next send would get a new one: a
 * letter sent on it before the partitions' tails were read could be written ahead of the
 * earlier letters of its sequence that the closed producer never wrote (the suite's
 * scenario 6 once applied a sequence as 9, 0..8, 10..). The gate is checked inside the
 * producer's {@code send}, after the template has taken its producer; a new producer
 * exists only after the failure was recorded, so a send on it always sees the gate shut.
 * A send on the producer that failed is safe: its idempotent sequence numbers keep its
 * own letters in order, and its closing aborts what it has not sent.
 */
final class SendGate {

	private volatile BooleanSupplier shut = () -> false;

	/**
	 * Shuts the gate whenever the condition holds.
	 * @param shut whether sending must wait, checked on every send
	 */
	void follow(BooleanSupplier shut) {
		this.shut = shut;
	}

	/**
	 * A producer that checks the gate before each send.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param producer the client's producer
	 * @return the gated producer
	 */
	<K, V> Producer<K, V> wrap(Producer<K, V> producer) {
		return new GatedProducer<>(producer, this);
	}

	void check() {
		if (this.shut.getAsBoolean()) {
			throw new KafkaException("Not sent: the sender is resolving an earlier failed send");
		}
	}

}
