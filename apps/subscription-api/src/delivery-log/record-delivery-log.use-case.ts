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
      const failing: Array<HealthChange & { since: Date }> = [];
      for (const change of healthChanges(attempts)) {
        const state = await upsertHealth(client, change);
        if (failingTooLong(state.failingSince, state.lastAttemptAt, this.env.AUTO_DISABLE_AFTER_MS)) {
          failing.push({ ...change, since: state.failingSince ?? state.lastAttemptAt });
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
    for (const change of failing) {
      await this.disable.execute(
        change.tenantId,
        change.subscriptionId,
        'failing',
        `every attempt failed from ${change.since.toISOString()} to ${change.lastAttemptAt}`,
      );
    }
    return inserted;
  }

  async deadLetters(letters: IndexedDeadLetter[]): Promise<number> {
    return insertDeadLetters(this.pool, letters);
  }
}

/** Applies one batch's change; returns the subscription's failing period as now stored. */
async function upsertHealth(
  client: pg.PoolClient,
  change: HealthChange,
): Promise<{ failingSince: Date | null; lastAttemptAt: Date }> {
  const result = await client.query<{ failing_since: Date | null; last_attempt_at: Date }>(
    `INSERT INTO subscription_health (subscription_id, tenant_id, failing_since, last_attempt_at)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (subscription_id) DO UPDATE SET
       failing_since = CASE WHEN $5::boolean THEN EXCLUDED.failing_since
                            ELSE coalesce(subscription_health.failing_since, EXCLUDED.failing_since) END,
       last_attempt_at = greatest(subscription_health.last_attempt_at, EXCLUDED.last_attempt_at)
     RETURNING failing_since, last_attempt_at`,
    [change.subscriptionId, change.tenantId, change.failingSince, change.lastAttemptAt, change.reset],
  );
  const row = result.rows[0];
  if (!row) throw new Error('subscription_health upsert returned no row');
  return { failingSince: row.failing_since, lastAttemptAt: row.last_attempt_at };
}
