-- Up Migration

-- Idempotency-Key on POSTs (issue 8): the first successful answer to a key is kept for 24 h and
-- replayed to a retry with the same body. The key itself is not stored: `key_hash` finds the
-- row, and the answer (which may hold a new secret or API key) is AES-256-GCM encrypted with a
-- key derived from the Idempotency-Key, so only a client presenting it can read it back.
CREATE TABLE idempotency_keys (
  tenant_id     text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key_hash      bytea NOT NULL,
  -- SHA-256 of method, path and body: the same key with another request is a 422
  request_hash  bytea NOT NULL,
  -- null while the first request is still running
  status_code   integer,
  response      bytea,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, key_hash)
);
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);

-- Down Migration
DROP TABLE idempotency_keys;
