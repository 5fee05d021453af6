package dev.alphabets.consumer.receiving;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.alphabets.consumer.sequences.PolledPartition;
import dev.alphabets.consumer.sequences.ReceivedLetter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one poll, each read as a letter or rejected with the reason, and the
 * offsets the poll covered in each partition.
 */
final class Poll {

	final List<ConsumerRecord<byte[], byte[]>> records;

	/** For each record, its letter's position in {@link #letters}, or -1. */
	final int[] letterAt;

	/** For each record that breaks the contract, why. */
	final RuntimeException[] broken;

	final List<ReceivedLetter> letters = new ArrayList<>();

	final List<PolledPartition> partitions;

	Poll(List<ConsumerRecord<byte[], byte[]>> records, LetterReader reader, Instant receivedAt) {
		this.records = records;
		this.letterAt = new int[records.size()];
		this.broken = new RuntimeException[records.size()];
		Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<byte[], byte[]> record = records.get(i);
			ranges.merge(new TopicPartition(record.topic(), record.partition()),
					new long[] { record.offset(), record.offset() + 1 },
					(a, b) -> new long[] { Math.min(a[0], b[0]), Math.max(a[1], b[1]) });
			this.letterAt[i] = -1;
			try {
				Letter letter = reader.read(record);
				this.letterAt[i] = this.letters.size();
				this.letters.add(new ReceivedLetter(letter.messageId(), letter.sequenceId(), letter.index(),
						letter.letter(), letter.sentAt(), record.topic(), record.partition(), record.offset(),
						receivedAt, RecordTrace.traceId(record)));
			}
			catch (RuntimeException ex) {
				this.broken[i] = ex;
			}
		}
		this.partitions = ranges.entrySet()
			.stream()
			.map((e) -> new PolledPartition(e.getKey().topic(), e.getKey().partition(), e.getValue()[0],
					e.getValue()[1]))
			.toList();
	}

	/** The partitions and offset ranges, for the log: {@code alphabets-0@10..35}. */
	String describe() {
		return this.partitions.stream()
			.map((p) -> p.topic() + "-" + p.partition() + "@" + p.firstOffset() + ".." + (p.nextOffset() - 1))
			.collect(Collectors.joining(","));
	}

}
