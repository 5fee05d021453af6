-- The Kafka topic id (a UUID the cluster gives each topic when it is created) a position belongs to. A topic deleted
-- and created again under the same name, or a cluster rebuilt empty while the database was kept, has a new id and
-- starts again at offset 0: positions stored for the old id are forgotten instead of skipping the new topic's
-- records as applied. NULL for a position written before this column, or while the id could not be looked up.
ALTER TABLE consumer_offsets ADD COLUMN topic_id VARCHAR(32);
