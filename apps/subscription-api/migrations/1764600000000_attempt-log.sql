-- Up Migration

-- The attempt log (issue 10): one row per record of the attempts topic, written in batches by
-- the attempt recorder. `id` is the attempt id from the record, so a batch read again after a
-- crash inserts nothing new (ON CONFLICT DO NOTHING). `outcome` is free text on purpose: the
-- worker may add outcomes (circuit_open, cancelled) before this API knows them, and they are
-- stored as they are rather than refused.
CREATE TABLE delivery_attempts (
  id                     text PRIMARY KEY,
  tenant_id              text NOT NULL,
  subscription_id        text NOT NULL,
  message_id             text NOT NULL,
  event_id               text NOT NULL,
  event_type             text NOT NULL,
  attempt                integer NOT NULL,
  outcome                text NOT NULL,
  status_code            integer,
  duration_ms            double precision NOT NULL,
  response_body_excerpt  text,
  error                  text,
  url                    text,
  started_at             timestamptz NOT NULL,
  next_attempt_at        timestamptz
);
-- A subscription's attempts newest first (the API's list and its keyset cursor).
CREATE INDEX delivery_attempts_subscription_idx
  ON delivery_attempts (tenant_id, subscription_id, started_at DESC, id DESC);
-- Every attempt of one message.
CREATE INDEX delivery_attempts_message_idx ON delivery_attempts (message_id, started_at);
-- Retention: the pruner deletes the oldest rows in bounded chunks through this index.
CREATE INDEX delivery_attempts_started_at_idx ON delivery_attempts (started_at);

-- The dead-letter topic, indexed. One row per record; (kafka_partition, kafka_offset) makes a
-- re-read batch a no-op. `task` is the DeliveryTask as it was dead-lettered, for redrive.
CREATE TABLE dead_letters (
  id               text PRIMARY KEY,
  kafka_partition  integer NOT NULL,
  kafka_offset     bigint NOT NULL,
  kafka_key        text,
  tenant_id        text NOT NULL,
  subscription_id  text NOT NULL,
  message_id       text NOT NULL,
  event_id         text NOT NULL,
  event_type       text NOT NULL,
  reason           text NOT NULL,
  dead_lettered_at timestamptz NOT NULL,
  task             jsonb NOT NULL,
  redriven_at      timestamptz,
  redrive_count    integer NOT NULL DEFAULT 0,
  UNIQUE (kafka_partition, kafka_offset)
);
CREATE INDEX dead_letters_subscription_idx
  ON dead_letters (tenant_id, subscription_id, dead_lettered_at DESC, id DESC);
CREATE INDEX dead_letters_dead_lettered_at_idx ON dead_letters (dead_lettered_at);

-- Endpoint health for auto-disable, one row per subscription, kept by the attempt recorder:
-- the last success, and the first failure after it (null while none). Attempts of one
-- subscription arrive out of order (they are spread over partitions by message), so both are
-- merged with least/greatest rather than overwritten.
CREATE TABLE subscription_health (
  subscription_id  text PRIMARY KEY,
  tenant_id        text NOT NULL,
  last_success_at  timestamptz,
  failing_since    timestamptz,
  last_failure_at  timestamptz,
  last_attempt_at  timestamptz NOT NULL
);

-- Why the platform disabled a subscription (410 Gone, failing too long); null otherwise and
-- cleared when the tenant enables it again.
ALTER TABLE subscriptions ADD COLUMN disabled_reason text;

-- Down Migration
ALTER TABLE subscriptions DROP COLUMN disabled_reason;
DROP TABLE subscription_health;
DROP TABLE dead_letters;
DROP TABLE delivery_attempts;
