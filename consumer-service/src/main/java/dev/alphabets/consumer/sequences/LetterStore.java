package dev.alphabets.consumer.sequences;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

import dev.alphabets.consumer.AlphabetProperties;
import dev.alphabets.consumer.Delivery;

import org.springframework.beans.factory.annotation.Autowired;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a poll's letters keyed by message id in one transaction. In exactly-once, the
 * position each of its partitions reached commits with them: a redelivered record before
 * the stored position is skipped, and a re-sent letter (same message id, another record)
 * is recognised as a duplicate and never applied twice. In the other models a letter
 * stored already is applied again and counted.
 */
@Component
public class LetterStore {

	private final ConsumerOffsets offsets;

	private final BulkInsert bulkInsert;

	private final Redeliveries redeliveries;

	private final boolean positions;

	private final SequenceProgress progress;

	private final TransactionTemplate transaction;

	private final TransactionTemplate savepoint;

	@Autowired
	public LetterStore(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager,
			AlphabetProperties properties) {
		this(jdbcTemplate, transactionManager, properties.delivery());
	}

	public LetterStore(JdbcTemplate jdbcTemplate, PlatformTransactionManager transactionManager, Delivery delivery) {
		JdbcClient jdbc = JdbcClient.create(jdbcTemplate);
		this.offsets = new ConsumerOffsets(jdbc);
		this.bulkInsert = new BulkInsert(jdbcTemplate);
		this.positions = delivery.positionsInDatabase();
		this.redeliveries = this.positions ? new Duplicates(jdbc) : new Reapplications(jdbcTemplate);
		this.progress = new SequenceProgress(jdbc);
		this.transaction = new TransactionTemplate(transactionManager);
		this.savepoint = new TransactionTemplate(transactionManager);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Stores a poll with one insert for all its letters. Every outcome has committed when
	 * this method returns, and none has if it throws.
	 * @param group the consumer group whose positions move
	 * @param partitions the partitions of the poll with the offsets it covered
	 * @param letters the letters of the poll that passed the contract checks, in order
	 * @param beforeCommit called with the outcome inside the transaction, just before it
	 * commits; what it throws rolls everything back
	 * @return for each letter, in the same order, what storing it did
	 */
	public PollOutcome store(String group, List<PolledPartition> partitions, List<ReceivedLetter> letters,
			Consumer<PollOutcome> beforeCommit) {
		return store(group, partitions, letters, beforeCommit, false);
	}

	/**
	 * Stores a poll letter by letter, each insert behind a savepoint, after the one
	 * insert of {@link #store} failed: a letter the database refuses is reported
	 * {@link StoreResult.Rejected} and the others are stored.
	 * @param group the consumer group whose positions move
	 * @param partitions the partitions of the poll with the offsets it covered
	 * @param letters the letters of the poll, in order
	 * @param beforeCommit called with the outcome inside the transaction, just before it
	 * commits
	 * @return what storing each letter did
	 */
	public PollOutcome storeOneByOne(String group, List<PolledPartition> partitions, List<ReceivedLetter> letters,
			Consumer<PollOutcome> beforeCommit) {
		return store(group, partitions, letters, beforeCommit, true);
	}

	private PollOutcome store(String group, List<PolledPartition> partitions, List<ReceivedLetter> letters,
			Consumer<PollOutcome> beforeCommit, boolean oneByOne) {
		Map<String, Integer> highest = new HashMap<>();
		PollOutcome result = this.transaction.execute((status) -> {
			StoreResult[] outcome = new StoreResult[letters.size()];
			Map<PolledPartition, Long> storedPositions = this.positions
					? skipAlreadyApplied(group, partitions, letters, outcome) : Map.of();
			List<ReceivedLetter> pending = new ArrayList<>();
			for (int i = 0; i < outcome.length; i++) {
				if (outcome[i] == null) {
					pending.add(letters.get(i));
				}
			}
			highest.putAll(this.progress.highestIndexes(pending));
			Set<String> inserted = oneByOne ? insertEach(letters, outcome) : this.bulkInsert.insert(pending);
			Set<String> seen = new HashSet<>();
			List<Integer> duplicateAt = new ArrayList<>();
			for (int i = 0; i < outcome.length; i++) {
				ReceivedLetter letter = letters.get(i);
				if (outcome[i] != null) {
					continue;
				}
				if (inserted.contains(letter.messageId()) && seen.add(letter.messageId())) {
					int before = highest.getOrDefault(letter.sequenceId(), -1);
					highest.put(letter.sequenceId(), Math.max(before, letter.index()));
					outcome[i] = new StoreResult.Applied(before);
				}
				else {
					duplicateAt.add(i);
				}
			}
			this.redeliveries.record(letters, duplicateAt, outcome);
			PollOutcome poll = new PollOutcome(Arrays.asList(outcome), storedPositions);
			beforeCommit.accept(poll);
			return poll;
		});
		this.progress.committed(highest);
		return result;
	}

	private Map<PolledPartition, Long> skipAlreadyApplied(String group, List<PolledPartition> partitions,
			List<ReceivedLetter> letters, StoreResult[] outcome) {
		Map<PolledPartition, Long> storedPositions = new HashMap<>();
		for (PolledPartition polled : partitions) {
			OptionalLong stored = this.offsets.advance(group, polled);
			if (stored.isPresent()) {
				storedPositions.put(polled, stored.getAsLong());
				for (int i = 0; i < letters.size(); i++) {
					ReceivedLetter letter = letters.get(i);
					if (letter.partition() == polled.partition() && letter.topic().equals(polled.topic())
							&& letter.offset() < stored.getAsLong()) {
						outcome[i] = new StoreResult.AlreadyApplied();
					}
				}
			}
		}
		return storedPositions;
	}

	private Set<String> insertEach(List<ReceivedLetter> letters, StoreResult[] outcome) {
		Set<String> inserted = new HashSet<>();
		for (int i = 0; i < letters.size(); i++) {
			if (outcome[i] != null) {
				continue;
			}
			List<ReceivedLetter> one = List.of(letters.get(i));
			try {
				inserted.addAll(this.savepoint.execute((status) -> this.bulkInsert.insert(one)));
			}
			catch (RuntimeException ex) {
				if (DatabaseFailures.isOutage(ex)) {
					throw ex;
				}
				outcome[i] = new StoreResult.Rejected(ex);
			}
		}
		return inserted;
	}

	/**
	 * Moves a partition's stored position past a record given up on (dead-lettered by the
	 * error handler), so that the next assignment does not seek back to it; nothing to do
	 * where Kafka's committed offsets are the positions.
	 * @param group the consumer group
	 * @param topic the topic
	 * @param partition the partition
	 * @param nextOffset the offset after the record
	 */
	public void recovered(String group, String topic, int partition, long nextOffset) {
		if (this.positions) {
			this.offsets.moveForward(group, topic, partition, nextOffset);
		}
	}

	/**
	 * The stored positions of the partitions.
	 * @return the consumer offsets table
	 */
	public ConsumerOffsets offsets() {
		return this.offsets;
	}

	/**
	 * Forgets what this instance remembers of the sequences, after a rebalance.
	 */
	public void rebalanced() {
		this.progress.forget();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
