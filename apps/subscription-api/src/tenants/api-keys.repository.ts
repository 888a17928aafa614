import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';

@Injectable()
export class ApiKeysRepository {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  /** The tenant an active (not revoked) key belongs to, or null. */
  async findTenantIdByHash(hash: Buffer): Promise<string | null> {
    const result = await this.pool.query<{ tenant_id: string }>(
      'SELECT tenant_id FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    return result.rows[0]?.tenant_id ?? null;
  }
}
