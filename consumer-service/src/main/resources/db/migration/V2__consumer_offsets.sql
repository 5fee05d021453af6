-- The next offset to read of each partition, written in the same transaction as the letters read before it:
-- this table, not the group's offsets in Kafka, says what has been applied.
CREATE TABLE consumer_offsets (
	consumer_group VARCHAR(255) NOT NULL,
	topic VARCHAR(249) NOT NULL,
	kafka_partition INTEGER NOT NULL,
	next_offset BIGINT NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (consumer_group, topic, kafka_partition)
);
