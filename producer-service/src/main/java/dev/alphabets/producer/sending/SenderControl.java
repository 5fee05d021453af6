package dev.alphabets.producer.sending;

import org.springframework.context.SmartLifecycle;

/**
 * The sender as health and operators see it, whatever the delivery model
 * ({@code alphabet.delivery}) behind it.
 */
public interface SenderControl extends SmartLifecycle {

	/**
	 * What the sender is doing now.
	 * @return the status
	 */
	SenderStatus status();

	/**
	 * Moves the position past the letter the sender stopped at, if it is that letter, as
	 * part of the caller's transaction (an operator's discard or replay).
	 * @param letter the letter an operator resolved
	 * @return whether the sender had stopped at it
	 */
	boolean moveOnFrom(Letter letter);

}
