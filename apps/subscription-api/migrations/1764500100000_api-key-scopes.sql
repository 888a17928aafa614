-- Up Migration

-- API keys over HTTP (issue 8): scopes decide what a key may do (read = GET; write = the rest),
-- and last_used_at lets a tenant find keys nobody uses before revoking them.
ALTER TABLE api_keys
  ADD COLUMN scopes        text[] NOT NULL DEFAULT ARRAY['read', 'write'],
  ADD COLUMN last_used_at  timestamptz;
-- Listing is per tenant in id order (ids sort by creation time).
CREATE INDEX api_keys_tenant_id_idx ON api_keys (tenant_id, id);

-- Down Migration
DROP INDEX api_keys_tenant_id_idx;
ALTER TABLE api_keys DROP COLUMN last_used_at, DROP COLUMN scopes;
