-- Up Migration
-- A row the broker can never accept (bigger than the topic's max.message.bytes) is parked
-- instead of blocking every row behind it: it keeps its payload, gets the reason, and the
-- relay skips it. Operators see it in hookstream_api_outbox_parked_rows.
ALTER TABLE outbox ADD COLUMN parked_at timestamptz;
ALTER TABLE outbox ADD COLUMN park_reason text;
DROP INDEX outbox_unpublished_idx;
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL AND parked_at IS NULL;
CREATE INDEX outbox_parked_idx ON outbox (id) WHERE parked_at IS NOT NULL AND published_at IS NULL;

-- Down Migration
DROP INDEX outbox_parked_idx;
DROP INDEX outbox_unpublished_idx;
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;
ALTER TABLE outbox DROP COLUMN park_reason;
ALTER TABLE outbox DROP COLUMN parked_at;
