package dev.alphabets.benchmarks;

import java.util.Map;

/**
 * What happened around one {@code kill -9} of the fail-over measurement.
 *
 * @param node the node killed
 * @param partition the partition it led that the service was writing
 * @param epochMillis when it was killed
 * @param rate the service's letters per second before the kill, ProducerPerformance's
 * {@code --throughput}
 * @param ppRecords ProducerPerformance's {@code --num-records}
 * @param pp ProducerPerformance's own summary
 * @param clientSettings the client settings both sides ran with, as the service's client
 * logged them
 * @param serviceAcknowledged the service's acknowledged count from its metrics, read last
 * (0 if it does not expose one)
 * @param serviceMaxLatency the service's longest send-to-acknowledgement time, in ms
 */
record Kill(int node, int partition, long epochMillis, long rate, long ppRecords, PerfTools.Sent pp,
		Map<String, String> clientSettings, double serviceAcknowledged, double serviceMaxLatency) {
}
