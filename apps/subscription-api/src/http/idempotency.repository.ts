import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';

/** How long an answer is kept for replay, in hours (the contract says 24 h). */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'in-progress' }
  | { kind: 'other-request' }
  | { kind: 'replay'; statusCode: number; response: Buffer };

@Injectable()
export class IdempotencyRepository {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /**
   * Claims the key for this request, or says why not. A row older than the window is deleted
   * first, so an expired key behaves as new.
   */
  async claim(tenantId: string, keyHash: Buffer, requestHash: Buffer, attempt = 0): Promise<Claim> {
    await this.pool.query(
      `DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key_hash = $2
       AND created_at < now() - make_interval(hours => $3)`,
      [tenantId, keyHash, IDEMPOTENCY_WINDOW_HOURS],
    );
    const inserted = await this.pool.query(
      `INSERT INTO idempotency_keys (tenant_id, key_hash, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING`,
      [tenantId, keyHash, requestHash],
    );
    if ((inserted.rowCount ?? 0) === 1) return { kind: 'claimed' };
    const found = await this.pool.query<{
      request_hash: Buffer;
      status_code: number | null;
      response: Buffer | null;
    }>(
      'SELECT request_hash, status_code, response FROM idempotency_keys WHERE tenant_id = $1 AND key_hash = $2',
      [tenantId, keyHash],
    );
    const row = found.rows[0];
    // Deleted between our insert and select (the first request failed): try again, a few times.
    if (!row)
      return attempt < 2 ? this.claim(tenantId, keyHash, requestHash, attempt + 1) : { kind: 'in-progress' };
    if (!row.request_hash.equals(requestHash)) return { kind: 'other-request' };
    if (row.status_code === null || row.response === null) return { kind: 'in-progress' };
    return { kind: 'replay', statusCode: row.status_code, response: row.response };
  }

  async complete(tenantId: string, keyHash: Buffer, statusCode: number, response: Buffer): Promise<void> {
    await this.pool.query(
      'UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE tenant_id = $1 AND key_hash = $2',
      [tenantId, keyHash, statusCode, response],
    );
  }

  /** A failed request frees its key, so the client can retry (with a corrected body). */
  async release(tenantId: string, keyHash: Buffer): Promise<void> {
    await this.pool.query('DELETE FROM idempotency_keys WHERE tenant_id = $1 AND key_hash = $2', [
      tenantId,
      keyHash,
    ]);
  }

  /** Drops answers past the window (they could no longer be replayed anyway). */
  async sweep(): Promise<void> {
    await this.pool.query(
      'DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1)',
      [IDEMPOTENCY_WINDOW_HOURS],
    );
  }
}
