import { newPrefixedId } from '@hookstream/events';
import type pg from 'pg';
import { generateApiKey } from './api-key.js';

export interface CreatedTenant {
  tenantId: string;
  keyId: string;
  /** The API key in clear: shown once, never stored. */
  apiKey: string;
}

/**
 * Creates a tenant and its first API key in one transaction. Used by the admin CLI; there is
 * no HTTP route for it, so creating tenants needs access to the database, not just the API.
 */
export async function createTenantWithKey(pool: pg.Pool, name: string): Promise<CreatedTenant> {
  const tenantId = newPrefixedId('ten_');
  const keyId = newPrefixedId('key_');
  const { key, hash, displayHint } = generateApiKey();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO tenants (id, name) VALUES ($1, $2)', [tenantId, name]);
    await client.query(
      'INSERT INTO api_keys (id, tenant_id, key_hash, display_hint, name) VALUES ($1, $2, $3, $4, $5)',
      [keyId, tenantId, hash, displayHint, 'first key'],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return { tenantId, keyId, apiKey: key };
}
