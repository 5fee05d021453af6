-- The W3C trace id the letter's record carried (traceparent header), to follow it from the producer's logs and
-- traces; NULL for a record that carried none.
ALTER TABLE received_messages ADD COLUMN trace_id VARCHAR(32);
