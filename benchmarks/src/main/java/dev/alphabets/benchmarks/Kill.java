package dev.alphabets.benchmarks;

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
 * @param serviceAcknowledged the service's acknowledged count from its metrics, read last
 * @param serviceMaxLatency the service's longest send-to-acknowledgement time, in ms
 */
record Kill(int node, int partition, long epochMillis, long rate, long ppRecords, PerfTools.Sent pp,
		double serviceAcknowledged, double serviceMaxLatency) {
}
