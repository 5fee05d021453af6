package dev.alphabets.benchmarks;

import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Letters missing from the rounds a producer-service wrote, read from its topic: the
 * service sends its rounds one after the other and each A to Z in order, so what a topic
 * holds must be whole rounds and one last round's first letters. A missing letter below a
 * later one of its round, or a round left short before a later one began, was skipped,
 * whatever the service's logs or counters say.
 */
final class RoundGaps {

	private static final int ROUND = 26;

	private RoundGaps() {
	}

	static long count(List<TopicReader.Appended> records) {
		Map<String, BitSet> rounds = new LinkedHashMap<>();
		records.stream()
			.filter((record) -> record.key() != null && record.index() >= 0)
			.sorted(Comparator.comparingLong(TopicReader.Appended::timestamp))
			.forEach((record) -> rounds.computeIfAbsent(record.key(), (key) -> new BitSet(ROUND)).set(record.index()));
		long missing = 0;
		int round = 0;
		for (BitSet letters : rounds.values()) {
			boolean last = ++round == rounds.size();
			int expected = last ? letters.length() : ROUND;
			missing += expected - letters.get(0, expected).cardinality();
		}
		return missing;
	}

}
