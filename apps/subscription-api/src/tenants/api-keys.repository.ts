import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';
import type { ApiKeyResponse, ApiKeyScope } from './api-key.schemas.js';

/** Who a presented key is: its id, tenant and what it may do. */
export interface KeyHolder {
  keyId: string;
  tenantId: string;
  scopes: ApiKeyScope[];
}

interface KeyRow {
  id: string;
  name: string;
  scopes: ApiKeyScope[];
  display_hint: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** Writes of last_used_at at most this often per key, in seconds: a timestamp, not an audit log. */
const LAST_USED_RESOLUTION_SECONDS = 60;

@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /**
   * The holder of an active (not revoked) key, or null. Notes the use at most once a minute: a
   * read on every request, a write only when last_used_at is stale (an UPDATE that changes
   * nothing would still write a new row version in Postgres).
   */
  async findHolderByHash(hash: Buffer): Promise<KeyHolder | null> {
    const result = await this.pool.query<{
      id: string;
      tenant_id: string;
      scopes: ApiKeyScope[];
      stale: boolean;
    }>(
      `SELECT id, tenant_id, scopes,
              (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2)) AS stale
       FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hash, LAST_USED_RESOLUTION_SECONDS],
    );
    const row = result.rows[0];
    if (!row) return null;
    if (row.stale) await this.pool.query('UPDATE api_keys SET last_used_at = now() WHERE id = $1', [row.id]);
    return { keyId: row.id, tenantId: row.tenant_id, scopes: row.scopes };
  }

  async insert(key: {
    id: string;
    tenantId: string;
    hash: Buffer;
    displayHint: string;
    name: string;
    scopes: ApiKeyScope[];
  }): Promise<Date> {
    const result = await this.pool.query<{ created_at: Date }>(
      `INSERT INTO api_keys (id, tenant_id, key_hash, display_hint, name, scopes)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING created_at`,
      [key.id, key.tenantId, key.hash, key.displayHint, key.name, key.scopes],
    );
    return result.rows[0]?.created_at ?? new Date();
  }

  async list(
    tenantId: string,
    limit: number,
    after?: string,
  ): Promise<{ items: ApiKeyResponse[]; more: boolean }> {
    const result = await this.pool.query<KeyRow>(
      `SELECT id, name, scopes, display_hint, created_at, last_used_at, revoked_at FROM api_keys
       WHERE tenant_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`,
      [tenantId, after ?? null, limit + 1],
    );
    return { items: result.rows.slice(0, limit).map(toResponse), more: result.rows.length > limit };
  }

  /** Revokes (idempotently); false when the tenant has no key with this id. */
  async revoke(tenantId: string, id: string): Promise<boolean> {
    const result = await this.pool.query(
      'UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE tenant_id = $1 AND id = $2',
      [tenantId, id],
    );
    return (result.rowCount ?? 0) > 0;
  }
}

function toResponse(row: KeyRow): ApiKeyResponse {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    keyHint: `****${row.display_hint.slice(-4)}`,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}
