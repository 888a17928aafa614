-- Up Migration

-- Per-subscription settings (issue 8). Delivery settings travel on the SubscriptionRecord to
-- the router and worker; they are one JSON object here because they are always read and
-- written together and validated by the same zod schema.
ALTER TABLE subscriptions
  ADD COLUMN name           text,
  -- shown-once: the secret is in the create/rotate answer only; retrievable: GET …/secret works.
  ADD COLUMN secret_policy  text NOT NULL DEFAULT 'shown-once',
  -- { headers?, signatureHeaders?, idHeaderValue?, payloadFormat?, timeoutMs?, profile? }
  ADD COLUMN delivery       jsonb NOT NULL DEFAULT '{}'::jsonb;

-- Down Migration
ALTER TABLE subscriptions DROP COLUMN delivery, DROP COLUMN secret_policy, DROP COLUMN name;
