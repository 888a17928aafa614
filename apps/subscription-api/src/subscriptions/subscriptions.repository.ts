import type { Keyring } from '@hookstream/envelope-encryption';
import { openSubscriptionSecrets, SubscriptionRecord, sealSubscriptionSecrets } from '@hookstream/kafka';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { z } from 'zod';
import { PG_POOL } from '../database/database.module.js';
import { KEYRING } from '../secrets/keyring.js';
import { PROFILE_NAMES } from './profiles.js';
import { deliverySettingsOf, type StoredSubscription } from './stored-subscription.js';
import { SecretPolicy } from './subscription.schemas.js';

interface SubscriptionRow {
  id: string;
  tenant_id: string;
  url: string;
  name: string | null;
  description: string | null;
  event_types: string[];
  account_ids: string[] | null;
  enabled: boolean;
  signature_scheme: string;
  secrets: unknown;
  secret_policy: string;
  delivery: Record<string, unknown>;
  conditions: unknown[] | null;
  cooldown_minutes: number;
  version: string;
  created_at: Date;
  updated_at: Date;
  disabled_reason: string | null;
}

const COLUMNS =
  'id, tenant_id, url, name, description, event_types, account_ids, enabled, signature_scheme, secrets, secret_policy, delivery, version, created_at, updated_at, conditions, cooldown_minutes';
/** $1 … $17, one per column. */
const PLACEHOLDERS = COLUMNS.split(',')
  .map((_, index) => `$${index + 1}`)
  .join(', ');

/** What reads select: the written columns plus what only the platform sets. */
const READ_COLUMNS = `${COLUMNS}, disabled_reason`;

const Profile = z.enum(PROFILE_NAMES).nullable().default(null);

/**
 * Rows are parsed with the Kafka contract, so what the API reads is what it publishes. Secrets
 * and header values are sealed in the row and opened here: the API holds them in clear only in
 * memory, to show a secret once or to test-send.
 */
function toStored(row: SubscriptionRow, keyring: Keyring): StoredSubscription {
  const { profile, ...delivery } = row.delivery;
  const sealed = SubscriptionRecord.parse({
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    name: row.name,
    description: row.description,
    eventTypes: row.event_types,
    accountIds: row.account_ids,
    enabled: row.enabled,
    signatureScheme: row.signature_scheme,
    secrets: row.secrets,
    version: Number(row.version),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...delivery,
    ...(row.conditions && row.conditions.length > 0 ? { conditions: row.conditions } : {}),
    ...(row.cooldown_minutes > 0 ? { cooldownMinutes: row.cooldown_minutes } : {}),
  });
  const opened = openSubscriptionSecrets(sealed, keyring);
  if (!opened.ok) {
    // Names the field and key id, never a value; the request fails as a 500 and is logged.
    throw new Error(
      `subscription ${row.id}: ${opened.field} cannot be decrypted (${opened.failure}${opened.keyId ? `, key ${opened.keyId}` : ''}); is a key missing from HOOKSTREAM_ENCRYPTION_KEYS?`,
    );
  }
  return {
    record: opened.record,
    secretPolicy: SecretPolicy.parse(row.secret_policy),
    profile: Profile.parse(profile),
    disabledReason: row.disabled_reason,
  };
}

function values(stored: StoredSubscription, keyring: Keyring): unknown[] {
  const record = sealSubscriptionSecrets(stored.record, keyring);
  return [
    record.id,
    record.tenantId,
    record.url,
    record.name ?? null,
    record.description,
    record.eventTypes,
    record.accountIds,
    record.enabled,
    record.signatureScheme,
    JSON.stringify(record.secrets),
    stored.secretPolicy,
    JSON.stringify(deliverySettingsOf(record, stored.profile)),
    record.version,
    record.createdAt,
    record.updatedAt,
    record.conditions ? JSON.stringify(record.conditions) : null,
    record.cooldownMinutes ?? 0,
  ];
}

@Injectable()
export class SubscriptionsRepository {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(KEYRING) private readonly keyring: Keyring,
  ) {}

  /** The record as it goes to the outbox and the subscriptions topic: secret parts sealed. */
  sealed(record: SubscriptionRecord): SubscriptionRecord {
    return sealSubscriptionSecrets(record, this.keyring);
  }

  /** Inserts inside the caller's transaction (with its outbox row). */
  async insert(client: pg.PoolClient, stored: StoredSubscription): Promise<void> {
    await client.query(
      `INSERT INTO subscriptions (${COLUMNS}) VALUES (${PLACEHOLDERS})`,
      values(stored, this.keyring),
    );
  }

  /** Overwrites every column of an existing row, inside the caller's transaction. */
  async update(client: pg.PoolClient, stored: StoredSubscription): Promise<void> {
    await client.query(
      `UPDATE subscriptions SET (${COLUMNS}) = (${PLACEHOLDERS})
       WHERE id = $1 AND tenant_id = $2`,
      values(stored, this.keyring),
    );
    // Enabled: no reason. Disabled: the platform's reason when it gave one, else the one kept
    // (a PATCH of other fields leaves a platform disable explained).
    await client.query(
      `UPDATE subscriptions SET disabled_reason = CASE WHEN enabled THEN NULL ELSE coalesce($3, disabled_reason) END
       WHERE id = $1 AND tenant_id = $2`,
      [stored.record.id, stored.record.tenantId, stored.disabledReason ?? null],
    );
  }

  /** Deletes inside the caller's transaction; false when there was no such row for this tenant. */
  async delete(client: pg.PoolClient, tenantId: string, id: string): Promise<boolean> {
    const result = await client.query('DELETE FROM subscriptions WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  /** The row locked for the caller's transaction, so concurrent changes apply one after another. */
  async findForUpdate(
    client: pg.PoolClient,
    tenantId: string,
    id: string,
  ): Promise<StoredSubscription | null> {
    const result = await client.query<SubscriptionRow>(
      `SELECT ${READ_COLUMNS} FROM subscriptions WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenantId, id],
    );
    const row = result.rows[0];
    return row ? toStored(row, this.keyring) : null;
  }

  /** Scoped by tenant: another tenant's id is simply not found. */
  async findById(tenantId: string, id: string): Promise<StoredSubscription | null> {
    const result = await this.pool.query<SubscriptionRow>(
      `SELECT ${READ_COLUMNS} FROM subscriptions WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    const row = result.rows[0];
    return row ? toStored(row, this.keyring) : null;
  }

  async countForTenant(client: pg.PoolClient, tenantId: string): Promise<number> {
    const result = await client.query<{ count: string }>(
      'SELECT count(*) AS count FROM subscriptions WHERE tenant_id = $1',
      [tenantId],
    );
    return Number(result.rows[0]?.count ?? 0);
  }

  /** Keyset pagination in id (= creation) order; fetches one extra row to know if more follow. */
  async list(
    tenantId: string,
    limit: number,
    after?: string,
  ): Promise<{ items: StoredSubscription[]; more: boolean }> {
    const result = await this.pool.query<SubscriptionRow>(
      `SELECT ${READ_COLUMNS} FROM subscriptions WHERE tenant_id = $1 AND ($2::text IS NULL OR id > $2)
       ORDER BY id LIMIT $3`,
      [tenantId, after ?? null, limit + 1],
    );
    const items = result.rows.slice(0, limit).map((row) => toStored(row, this.keyring));
    return { items, more: result.rows.length > limit };
  }
}
