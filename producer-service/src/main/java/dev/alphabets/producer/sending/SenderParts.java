package dev.alphabets.producer.sending;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.alphabets.producer.AlphabetProperties;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the sender's loop works with.
 *
 * @param properties the sender's settings
 * @param window the letters in flight and the watermark
 * @param committer the group commit of the watermark
 * @param failurePolicy what happens after a failed send
 * @param publisher sends one letter
 * @param progress the stored position
 * @param failures the failed-message store
 * @param exit ends the process after a permanent error, if configured
 * @param lease one sender per sender id
 */
record SenderParts(AlphabetProperties.Sender properties, InFlightWindow window, WatermarkCommitter committer,
		FailurePolicy failurePolicy, LetterPublisher publisher, SenderProgressRepository progress,
		FailureStore failures, PermanentFailureExit exit, SenderLease lease) {

	private static final Logger logger = LoggerFactory.getLogger(SenderParts.class);

	/**
	 * The stored position, past any letter whose entry an operator already closed, so
	 * such a letter is never sent again. An open entry from before the start can only
	 * belong to this letter: its acknowledgement closes it.
	 */
	Position startPosition() {
		Position position = this.progress.find(this.properties.id()).orElseGet(Position::newSequence);
		while (this.failures.isClosed(Letter.messageId(position.sequenceId(), position.nextIndex()))) {
			logger.info("Skipping sequenceId={} index={}: its failed-message entry is already closed",
					position.sequenceId(), position.nextIndex());
			position = position.next();
			this.progress.save(this.properties.id(), position);
		}
		this.window.openEntry(Letter.messageId(position.sequenceId(), position.nextIndex()));
		return position;
	}

	/** Runs the action once the current transaction committed, or now without one. */
	void afterCommit(Runnable action) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			action.run();
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

}
