import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';
import { withTransaction } from '../database/transaction.js';
import { API_ENV, type ApiEnv } from '../env.js';
import { DisableSubscription } from '../subscriptions/disable-subscription.use-case.js';
import { insertAttempts } from './attempt-log.repository.js';
import { insertDeadLetters } from './dead-letters.repository.js';
import type { IndexedDeadLetter, LoggedAttempt } from './decode-records.js';
import { failingTooLong, type HealthChange, healthChanges } from './endpoint-health.js';

/**
 * What the attempt recorder does with one batch: store it durably (idempotent), then act on
 * what it says (auto-disable). The caller commits the batch's offsets only after this returns.
 */
@Injectable()
export class RecordDeliveryLog {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(API_ENV) private readonly env: ApiEnv,
    @Inject(DisableSubscription) private readonly disable: DisableSubscription,
  ) {}

  /** Returns how many attempts were new (a re-read batch gives 0). */
  async attempts(attempts: LoggedAttempt[]): Promise<number> {
    const { inserted, failing } = await withTransaction(this.pool, async (client) => {
      const inserted = await insertAttempts(client, attempts);
      const failing: Array<{ change: HealthChange; since: Date; until: Date }> = [];
      for (const change of healthChanges(attempts)) {
        const { failingSince, lastFailureAt } = await upsertHealth(client, change);
        if (
          failingSince &&
          lastFailureAt &&
          failingTooLong(failingSince, lastFailureAt, this.env.AUTO_DISABLE_AFTER_MS)
        ) {
          failing.push({ change, since: failingSince, until: lastFailureAt });
        }
      }
      return { inserted, failing };
    });
    // Acted on after the rows are durable, and again if the batch is read again: disabling is
    // a no-op for a subscription that is already disabled.
    for (const attempt of attempts) {
      if (attempt.statusCode === 410) {
        await this.disable.execute(
          attempt.tenantId,
          attempt.subscriptionId,
          'gone',
          `the endpoint answered 410 Gone at ${attempt.startedAt}`,
        );
      }
    }
    for (const { change, since, until } of failing) {
      await this.disable.execute(
        change.tenantId,
        change.subscriptionId,
        'failing',
        `every attempt failed from ${since.toISOString()} to ${until.toISOString()}`,
      );
    }
    return inserted;
  }

  async deadLetters(letters: IndexedDeadLetter[]): Promise<number> {
    return insertDeadLetters(this.pool, letters);
  }
}

/**
 * Merges one batch's facts into the stored ones; returns the failing period as now stored.
 * failing_since is the earliest failure later than the latest success known, whichever batch
 * brought either, so the result does not depend on the order batches arrive in.
 */
async function upsertHealth(
  client: pg.PoolClient,
  change: HealthChange,
): Promise<{ failingSince: Date | null; lastFailureAt: Date | null }> {
  const result = await client.query<{ failing_since: Date | null; last_failure_at: Date | null }>(
    `INSERT INTO subscription_health AS h
       (subscription_id, tenant_id, last_success_at, failing_since, last_failure_at, last_attempt_at)
     VALUES ($1, $2, $3::timestamptz,
       (SELECT min(t) FROM unnest($4::timestamptz[]) AS t WHERE $3::timestamptz IS NULL OR t > $3::timestamptz),
       (SELECT max(t) FROM unnest($4::timestamptz[]) AS t), $5)
     ON CONFLICT (subscription_id) DO UPDATE SET
       last_success_at = greatest(h.last_success_at, EXCLUDED.last_success_at),
       failing_since = (
         SELECT min(t) FROM unnest(array_append($4::timestamptz[], h.failing_since)) AS t
         WHERE t > coalesce(greatest(h.last_success_at, EXCLUDED.last_success_at), '-infinity'::timestamptz)),
       last_failure_at = greatest(h.last_failure_at, EXCLUDED.last_failure_at),
       last_attempt_at = greatest(h.last_attempt_at, EXCLUDED.last_attempt_at)
     RETURNING failing_since, last_failure_at`,
    [change.subscriptionId, change.tenantId, change.lastSuccessAt, change.failures, change.lastAttemptAt],
  );
  const row = result.rows[0];
  if (!row) throw new Error('subscription_health upsert returned no row');
  return { failingSince: row.failing_since, lastFailureAt: row.last_failure_at };
}
