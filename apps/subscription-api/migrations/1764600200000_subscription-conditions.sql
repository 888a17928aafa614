-- Up Migration

-- Conditions and cooldown (issue 9). Their own columns, not the `delivery` settings object:
-- they decide routing, not how a delivery is sent. Both travel on the SubscriptionRecord.
ALTER TABLE subscriptions
  -- [{field, operator, value}], validated by the Conditions zod contract; NULL = none.
  ADD COLUMN conditions        jsonb,
  -- At most one delivery per this many minutes; 0 = off.
  ADD COLUMN cooldown_minutes  integer NOT NULL DEFAULT 0 CHECK (cooldown_minutes >= 0);

-- Down Migration
ALTER TABLE subscriptions DROP COLUMN cooldown_minutes, DROP COLUMN conditions;
