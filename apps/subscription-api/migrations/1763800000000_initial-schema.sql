-- Up Migration

-- A platform customer. Every other row belongs to exactly one tenant.
CREATE TABLE tenants (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- API keys are random 256-bit strings, so a plain SHA-256 is enough to store them safely
-- (no password stretching needed); only the hash and a display prefix are kept.
CREATE TABLE api_keys (
  id           text PRIMARY KEY,
  tenant_id    text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key_hash     bytea NOT NULL UNIQUE,
  display_hint text NOT NULL,
  name         text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);

CREATE TABLE subscriptions (
  id                text PRIMARY KEY,
  tenant_id         text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  url               text NOT NULL,
  description       text,
  event_types       text[] NOT NULL,
  account_ids       text[],
  enabled           boolean NOT NULL DEFAULT true,
  signature_scheme  text NOT NULL,
  -- [{ "value": "whsec_…", "createdAt": "…", "expiresAt": null }]
  secrets           jsonb NOT NULL,
  version           bigint NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
-- Listing is per tenant in id order (ids sort by creation time).
CREATE INDEX subscriptions_tenant_id_idx ON subscriptions (tenant_id, id);

-- Transactional outbox: written in the same transaction as the change, published to Kafka
-- by the relay, so a change is never in Postgres without eventually reaching the topic.
CREATE TABLE outbox (
  id            bigserial PRIMARY KEY,
  topic         text NOT NULL,
  message_key   text NOT NULL,
  -- null publishes a tombstone
  payload       jsonb,
  created_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz
);
CREATE INDEX outbox_unpublished_idx ON outbox (id) WHERE published_at IS NULL;

-- Down Migration
DROP TABLE outbox;
DROP TABLE subscriptions;
DROP TABLE api_keys;
DROP TABLE tenants;
