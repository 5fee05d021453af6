package dev.alphabets.producer.sending;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The letters sent and not yet acknowledged, in the order they were sent, and the
 * watermark: the first letter not known to be acknowledged. Completions arrive on the
 * client's I/O thread in any order across partitions; the watermark only moves over a
 * contiguous run of acknowledged letters, so a letter past it is never counted as done. A
 * semaphore bounds the window and holds the sender back when it is full.
 */
final class InFlightWindow {

	private final Semaphore permits;

	private final ArrayDeque<Slot> slots = new ArrayDeque<>();

	// Letters that may have an open entry in the failed-message store, and those of them
	// acknowledged since, waiting for the group commit that closes their entry.
	private final Set<String> openEntries = new HashSet<>();

	private final List<Acknowledged> toClose = new ArrayList<>();

	// Letters dropped from the window after a failure, sent again (same sequence, same
	// message ids) before the cursor moves on.
	private final ArrayDeque<Position> resend = new ArrayDeque<>();

	private Position cursor;

	private long nextOrdinal;

	private long lastAcknowledgedOrdinal = -1;

	// Written under the window's lock; volatile for isFailing, which the send gate calls
	// on every send without taking the lock.
	private volatile SendFailedException firstFailure;

	private Letter firstFailed;

	private int incomplete;

	InFlightWindow(int capacity) {
		this.permits = new Semaphore(capacity);
	}

	/**
	 * Starts, or starts again after the sender stopped (a lost lease), at a stored
	 * position. What an earlier run left in the window is forgotten: its letters are sent
	 * again from the stored position, with the same message ids, and a late completion of
	 * one of them no longer counts against the window.
	 * @param position where to start
	 */
	synchronized void start(Position position) {
		for (Slot slot : this.slots) {
			complete(slot);
		}
		this.slots.clear();
		this.resend.clear();
		this.firstFailure = null;
		this.firstFailed = null;
		this.lastAcknowledgedOrdinal = this.nextOrdinal - 1;
		this.cursor = position;
	}

	/** Waits for room in the window; {@code false} if there was none in time. */
	boolean acquire(Duration timeout) throws InterruptedException {
		return this.permits.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	void release() {
		this.permits.release();
	}

	/** The next letter to send, entered in the window. */
	synchronized Slot next(java.time.Instant now) {
		Position position = this.resend.pollFirst();
		if (position == null) {
			position = this.cursor;
			this.cursor = this.cursor.next();
		}
		Slot slot = new Slot(this.nextOrdinal++, Letter.of(position.sequenceId(), position.nextIndex(), now));
		this.slots.addLast(slot);
		this.incomplete++;
		return slot;
	}

	synchronized void acknowledged(Slot slot, Delivery delivery) {
		if (slot.abandoned) {
			return;
		}
		complete(slot);
		markAcknowledged(slot, delivery);
		advance();
	}

	/**
	 * Records a failed send.
	 * @return whether it is the first failure since the window was last resolved
	 */
	synchronized boolean failed(Slot slot, SendFailedException failure) {
		if (slot.abandoned) {
			return false;
		}
		complete(slot);
		if (this.firstFailure != null) {
			return false;
		}
		this.firstFailure = failure;
		this.firstFailed = slot.letter;
		return true;
	}

	/** Whether a send failed since the window was last resolved. */
	boolean isFailing() {
		return this.firstFailure != null;
	}

	synchronized SendFailedException firstFailure() {
		return this.firstFailure;
	}

	synchronized Letter firstFailed() {
		return this.firstFailed;
	}

	/** Waits until every letter sent has completed, acknowledged or failed. */
	/**
	 * Waits until one letter's send has completed, acknowledged or failed.
	 * @return whether it has
	 */
	synchronized boolean awaitCompleted(Slot slot, Duration timeout) throws InterruptedException {
		return awaitUntil(() -> slot.completed, timeout);
	}

	synchronized boolean awaitDrained(Duration timeout) throws InterruptedException {
		return awaitUntil(() -> this.incomplete == 0, timeout);
	}

	/** Waits, holding this window's lock between checks, until the condition holds. */
	private boolean awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return false;
			}
			TimeUnit.NANOSECONDS.timedWait(this, left);
		}
		return true;
	}

	/**
	 * Gives up on the letters whose send never completed. A record handed to a producer
	 * while it was being closed can stay in the closed client for good, its callback
	 * never called. These letters count as not known to be acknowledged, so the
	 * partitions' tails decide; a completion that still arrives for one of them is
	 * ignored.
	 * @return how many letters were given up on
	 */
	synchronized int abandonIncomplete() {
		int abandoned = 0;
		for (Slot slot : this.slots) {
			if (!slot.completed) {
				slot.abandoned = true;
				complete(slot);
				abandoned++;
			}
		}
		return abandoned;
	}

	/**
	 * Resolves a drained window after a failure: the letters found on the partitions
	 * count as acknowledged, and sending resumes at the first letter neither acknowledged
	 * nor found, dropping the rest of the window (they are sent again, with the same
	 * message ids).
	 * @param found the letters of the window found on the partitions, by message id
	 * @return the letter to resume at, or {@code null} if every letter is there
	 */
	synchronized Letter resolve(Map<String, Delivery> found) {
		Letter resume = null;
		for (Iterator<Slot> iterator = this.slots.iterator(); iterator.hasNext();) {
			Slot slot = iterator.next();
			if (resume == null && (slot.acknowledged || found.containsKey(slot.letter.messageId()))) {
				if (!slot.acknowledged) {
					markAcknowledged(slot, found.get(slot.letter.messageId()));
				}
				continue;
			}
			if (resume == null) {
				resume = slot.letter;
				this.nextOrdinal = slot.ordinal;
			}
			this.resend.addLast(new Position(slot.letter.sequenceId(), slot.letter.index()));
			iterator.remove();
		}
		if (resume != null) {
			this.lastAcknowledgedOrdinal = Math.min(this.lastAcknowledgedOrdinal, this.nextOrdinal - 1);
		}
		advance();
		this.firstFailure = null;
		this.firstFailed = null;
		return resume;
	}

	/**
	 * The position after the letter the sender stopped at, without moving.
	 * @param letter that letter
	 * @return the letter sent after it
	 */
	synchronized Position positionAfter(Letter letter) {
		Position stopped = new Position(letter.sequenceId(), letter.index());
		if (stopped.equals(this.resend.peekFirst())) {
			Iterator<Position> positions = this.resend.iterator();
			positions.next();
			return positions.hasNext() ? positions.next() : this.cursor;
		}
		return stopped.next();
	}

	/**
	 * Leaves out the letter the sender stopped at (an operator resolved it).
	 * @param letter that letter
	 * @param next the position after it, as {@link #positionAfter} told
	 */
	synchronized void skip(Letter letter, Position next) {
		if (new Position(letter.sequenceId(), letter.index()).equals(this.resend.peekFirst())) {
			this.resend.pollFirst();
		}
		else {
			this.resend.clear();
			this.cursor = next;
		}
		advance();
	}

	/** The letters from the watermark on, in the order they were sent. */
	synchronized List<Letter> unresolved() {
		return this.slots.stream().map((slot) -> slot.letter).toList();
	}

	synchronized void openEntry(String messageId) {
		this.openEntries.add(messageId);
	}

	synchronized boolean hasOpenEntry(String messageId) {
		return this.openEntries.contains(messageId);
	}

	synchronized Watermark watermark() {
		// Worked out when asked (by the group commit, a few times a second), not on each
		// acknowledgement on the client's I/O thread.
		Slot head = this.slots.peekFirst();
		long ordinal = (head != null) ? head.ordinal : this.nextOrdinal;
		Position position = (head != null) ? new Position(head.letter.sequenceId(), head.letter.index())
				: this.resend.peekFirst();
		return new Watermark((position != null) ? position : this.cursor, ordinal,
				Math.max(0, this.lastAcknowledgedOrdinal + 1 - ordinal));
	}

	/** The acknowledged letters with an open entry that the watermark has passed. */
	synchronized List<Acknowledged> takeEntriesToClose(long watermarkOrdinal) {
		List<Acknowledged> taken = new ArrayList<>();
		this.toClose.removeIf((acknowledged) -> acknowledged.ordinal() < watermarkOrdinal && taken.add(acknowledged));
		return taken;
	}

	/** Puts entries back after a failed commit. */
	synchronized void returnEntriesToClose(List<Acknowledged> entries) {
		this.toClose.addAll(entries);
	}

	synchronized int inFlight() {
		return this.incomplete;
	}

	private void complete(Slot slot) {
		if (!slot.completed) {
			slot.completed = true;
			this.incomplete--;
			this.permits.release();
			notifyAll();
		}
	}

	private void markAcknowledged(Slot slot, Delivery delivery) {
		slot.acknowledged = true;
		this.lastAcknowledgedOrdinal = Math.max(this.lastAcknowledgedOrdinal, slot.ordinal);
		if (this.openEntries.remove(slot.letter.messageId())) {
			this.toClose.add(new Acknowledged(slot.ordinal, slot.letter.messageId(), delivery));
		}
	}

	private void advance() {
		while (!this.slots.isEmpty() && this.slots.peekFirst().acknowledged) {
			this.slots.removeFirst();
		}
	}

	/** One letter in the window. */
	static final class Slot {

		final long ordinal;

		final Letter letter;

		boolean completed;

		boolean acknowledged;

		boolean abandoned;

		Slot(long ordinal, Letter letter) {
			this.ordinal = ordinal;
			this.letter = letter;
		}

	}

	/**
	 * The watermark.
	 *
	 * @param position the first letter not known to be acknowledged
	 * @param ordinal its number, counted from the start of this process
	 * @param behind how many letters it is behind the last acknowledged one
	 */
	record Watermark(Position position, long ordinal, long behind) {
	}

	/**
	 * An acknowledged letter whose open entry the next group commit closes.
	 *
	 * @param ordinal its number
	 * @param messageId its message id
	 * @param delivery where the broker stored it
	 */
	record Acknowledged(long ordinal, String messageId, Delivery delivery) {
	}

}
