-- How often a letter was applied: 1 unless the consumer runs at-least-once or at-most-once and a redelivery
-- applied it again (exactly-once suppresses redeliveries, counted in duplicate_deliveries instead).
ALTER TABLE received_messages ADD COLUMN applied_count INTEGER NOT NULL DEFAULT 1;
