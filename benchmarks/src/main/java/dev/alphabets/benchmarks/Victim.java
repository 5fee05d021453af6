package dev.alphabets.benchmarks;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The node the fail-over measurement kills: the leader of the partition the service is
 * writing.
 *
 * @param partition the partition the service is writing
 * @param node its leader
 */
record Victim(int partition, int node) {

	/**
	 * Waits until the service is early in a round (so it stays on that partition past the
	 * kill) on a partition whose leader is not the active controller too: every node is
	 * also a controller, and losing the controller as well adds an election of its own to
	 * some repetitions and not to others (the reliability suite covers that fault).
	 * @param log the service's log
	 * @param topic the service's topic
	 * @param topics the cluster's topics
	 * @return the victim
	 */
	static Victim choose(Path log, String topic, ClusterTopics topics) {
		Victim[] victim = new Victim[1];
		Poll.until("the service early in a round on a partition not led by the active controller",
				Duration.ofSeconds(60), Duration.ofMillis(20), () -> {
					ServiceAcks.Ack latest = ServiceAcks.latest(log);
					victim[0] = new Victim(latest.partition(), topics.leaderOf(topic, latest.partition()));
					return latest.letter() <= 'J' && victim[0].node() != topics.activeController();
				});
		return victim[0];
	}

}
