package dev.alphabets.benchmarks;

import java.time.Duration;

/**
 * The node the fail-over measurement kills: the leader of the partition the service is
 * writing.
 *
 * @param partition the partition the service is writing
 * @param node its leader
 */
record Victim(int partition, int node) {

	/** The latest letter must be at most J, so the service stays on its partition. */
	private static final int EARLY = 9;

	/**
	 * Waits until the service is early in a round (so it stays on that partition past the
	 * kill) on a partition whose leader is not the active controller too: every node is
	 * also a controller, and losing the controller as well adds an election of its own to
	 * some repetitions and not to others (the reliability suite covers that fault). What
	 * the service writes is read from its topic, the same for a sender that logs each
	 * acknowledgement and one that does not.
	 * @param watcher the commit watcher that reads the service's topic
	 * @param topic the service's topic
	 * @param topics the cluster's topics
	 * @return the victim
	 */
	static Victim choose(CommitWatcher watcher, String topic, ClusterTopics topics) {
		Victim[] victim = new Victim[1];
		Poll.until("the service early in a round on a partition not led by the active controller",
				Duration.ofSeconds(60), Duration.ofMillis(5), () -> {
					CommitWatcher.Readable latest = watcher.latest(topic);
					victim[0] = new Victim(latest.partition(), topics.leaderOf(topic, latest.partition()));
					return latest.index() >= 0 && latest.index() <= EARLY
							&& victim[0].node() != topics.activeController();
				});
		return victim[0];
	}

}
