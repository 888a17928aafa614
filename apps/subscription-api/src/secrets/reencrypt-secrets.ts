import { type Keyring, keyIdOf } from '@hookstream/envelope-encryption';
import type pg from 'pg';
import { withTransaction } from '../database/transaction.js';
import { appendToOutbox } from '../outbox/outbox.repository.js';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository.js';

export interface ReencryptReport {
  /** Rows looked at. */
  checked: number;
  /** Rows re-encrypted under the active key and republished through the outbox. */
  reencrypted: number;
}

/** Rows per page; each row gets its own short transaction so the API keeps working meanwhile. */
const PAGE = 100;

/** Every sealed (or legacy plaintext) value of a raw row: secrets and custom header values. */
function sealedValues(row: { secrets: unknown; delivery: unknown }): string[] {
  const secrets = Array.isArray(row.secrets) ? row.secrets : [];
  const values = secrets.map((secret) => String((secret as { value?: unknown }).value ?? ''));
  const headers = (row.delivery as { headers?: Record<string, unknown> } | null)?.headers ?? {};
  return [...values, ...Object.values(headers).map(String)];
}

/**
 * `admin re-encrypt`: puts every subscription's secrets and header values under the active key
 * (HOOKSTREAM_ENCRYPTION_ACTIVE_KEY), in Postgres and, through the outbox, on the subscriptions
 * topic (same version, so consumers simply replace their copy). Rows already entirely under the
 * active key are skipped, so it can be re-run; legacy plaintext rows are encrypted. The keyring
 * must still hold every key that wraps a stored value.
 */
export async function reencryptSecrets(pool: pg.Pool, keyring: Keyring): Promise<ReencryptReport> {
  const repository = new SubscriptionsRepository(pool, keyring);
  const report: ReencryptReport = { checked: 0, reencrypted: 0 };
  let after = '';
  for (;;) {
    const page = await pool.query<{ id: string; tenant_id: string; secrets: unknown; delivery: unknown }>(
      'SELECT id, tenant_id, secrets, delivery FROM subscriptions WHERE id > $1 ORDER BY id LIMIT $2',
      [after, PAGE],
    );
    for (const row of page.rows) {
      report.checked += 1;
      after = row.id;
      if (sealedValues(row).every((value) => keyIdOf(value) === keyring.activeKeyId)) continue;
      const done = await withTransaction(pool, async (client) => {
        const stored = await repository.findForUpdate(client, row.tenant_id, row.id);
        if (!stored) return false; // deleted meanwhile
        await repository.update(client, stored);
        await appendToOutbox(client, 'subscriptions', row.id, repository.sealed(stored.record));
        return true;
      });
      if (done) report.reencrypted += 1;
    }
    if (page.rows.length < PAGE) return report;
  }
}
