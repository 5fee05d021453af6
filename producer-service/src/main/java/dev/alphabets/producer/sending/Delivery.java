package dev.alphabets.producer.sending;

/**
 * Where the broker stored an acknowledged letter.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset
 */
public record Delivery(String topic, int partition, long offset) {

}
