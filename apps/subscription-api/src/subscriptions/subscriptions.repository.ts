import { SubscriptionRecord } from '@hookstream/kafka';
import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';

interface SubscriptionRow {
  id: string;
  tenant_id: string;
  url: string;
  description: string | null;
  event_types: string[];
  account_ids: string[] | null;
  enabled: boolean;
  signature_scheme: string;
  secrets: unknown;
  version: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS =
  'id, tenant_id, url, description, event_types, account_ids, enabled, signature_scheme, secrets, version, created_at, updated_at';

/** Rows are parsed with the Kafka contract, so what the API reads is what it publishes. */
function toRecord(row: SubscriptionRow): SubscriptionRecord {
  return SubscriptionRecord.parse({
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    accountIds: row.account_ids,
    enabled: row.enabled,
    signatureScheme: row.signature_scheme,
    secrets: row.secrets,
    version: Number(row.version),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  });
}

@Injectable()
export class SubscriptionsRepository {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /** Inserts inside the caller's transaction (with its outbox row). */
  async insert(client: pg.PoolClient, record: SubscriptionRecord): Promise<void> {
    await client.query(
      `INSERT INTO subscriptions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        record.id,
        record.tenantId,
        record.url,
        record.description,
        record.eventTypes,
        record.accountIds,
        record.enabled,
        record.signatureScheme,
        JSON.stringify(record.secrets),
        record.version,
        record.createdAt,
        record.updatedAt,
      ],
    );
  }

  /** Scoped by tenant: another tenant's id is simply not found. */
  async findById(tenantId: string, id: string): Promise<SubscriptionRecord | null> {
    const result = await this.pool.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM subscriptions WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
    );
    const row = result.rows[0];
    return row ? toRecord(row) : null;
  }

  /** Keyset pagination in id (= creation) order; fetches one extra row to know if more follow. */
  async list(
    tenantId: string,
    limit: number,
    after?: string,
  ): Promise<{ items: SubscriptionRecord[]; more: boolean }> {
    const result = await this.pool.query<SubscriptionRow>(
      `SELECT ${COLUMNS} FROM subscriptions WHERE tenant_id = $1 AND ($2::text IS NULL OR id > $2)
       ORDER BY id LIMIT $3`,
      [tenantId, after ?? null, limit + 1],
    );
    const items = result.rows.slice(0, limit).map(toRecord);
    return { items, more: result.rows.length > limit };
  }
}
