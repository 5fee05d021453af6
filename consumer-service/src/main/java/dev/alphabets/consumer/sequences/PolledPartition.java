package dev.alphabets.consumer.sequences;

/**
 * The part of one poll that came from one partition.
 *
 * @param topic topic of the partition
 * @param partition the partition
 * @param firstOffset offset of the first record of the poll in this partition
 * @param nextOffset offset after the last record of the poll in this partition, stored as
 * the position once the poll has committed
 */
public record PolledPartition(String topic, int partition, long firstOffset, long nextOffset) {

}
