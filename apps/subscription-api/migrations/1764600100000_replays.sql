-- Up Migration

-- Replays (issue 10): a re-read of the events topic over [since, until) for one subscription.
-- The API instance that accepted it runs it and reports progress here; heartbeat_at lets a
-- reader tell a running replay from one whose instance died (it is then shown as failed).
CREATE TABLE replays (
  id               text PRIMARY KEY,
  tenant_id        text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  subscription_id  text NOT NULL,
  since            timestamptz NOT NULL,
  until            timestamptz NOT NULL,
  event_types      text[],
  status           text NOT NULL DEFAULT 'running',
  events_scanned   bigint NOT NULL DEFAULT 0,
  tasks_created    bigint NOT NULL DEFAULT 0,
  error            text,
  started_at       timestamptz NOT NULL DEFAULT now(),
  heartbeat_at     timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz
);
CREATE INDEX replays_subscription_idx ON replays (tenant_id, subscription_id) WHERE status = 'running';

-- Down Migration
DROP TABLE replays;
