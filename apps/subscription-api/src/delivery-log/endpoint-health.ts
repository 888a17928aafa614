import type { LoggedAttempt } from './decode-records.js';

/** What one batch says about one subscription's endpoint. */
export interface HealthChange {
  subscriptionId: string;
  tenantId: string;
  /**
   * true: a success in this batch resets the failing period, and `failingSince` is the first
   * failure after the last success (null when none followed). false: no success in this batch,
   * so an ongoing failing period keeps its start and `failingSince` only starts a new one.
   */
  reset: boolean;
  failingSince: string | null;
  lastAttemptAt: string;
}

/**
 * An attempt that reached the endpoint and failed. Attempts where no request was sent (the
 * subscription was deleted or disabled; durationMs 0 and no status) say nothing about the
 * endpoint; neither do outcomes this build does not know (circuit_open, cancelled).
 */
export function isEndpointFailure(attempt: LoggedAttempt): boolean {
  if (attempt.outcome !== 'retry_scheduled' && attempt.outcome !== 'dead_lettered') return false;
  return attempt.statusCode !== null || attempt.durationMs > 0;
}

/** Per subscription, the health change a batch of attempts makes (pure; order-insensitive). */
export function healthChanges(attempts: readonly LoggedAttempt[]): HealthChange[] {
  const bySubscription = new Map<string, LoggedAttempt[]>();
  for (const attempt of attempts) {
    if (attempt.outcome !== 'delivered' && !isEndpointFailure(attempt)) continue;
    const list = bySubscription.get(attempt.subscriptionId) ?? [];
    list.push(attempt);
    bySubscription.set(attempt.subscriptionId, list);
  }
  const changes: HealthChange[] = [];
  for (const [subscriptionId, list] of bySubscription) {
    const sorted = [...list].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const lastSuccess = sorted.findLastIndex((attempt) => attempt.outcome === 'delivered');
    const last = sorted.at(-1);
    if (!last) continue;
    changes.push({
      subscriptionId,
      tenantId: last.tenantId,
      reset: lastSuccess >= 0,
      failingSince: sorted[lastSuccess + 1]?.startedAt ?? null,
      lastAttemptAt: last.startedAt,
    });
  }
  return changes;
}

/** Whether a failing period of this length (ms) reaches the auto-disable limit. */
export function failingTooLong(failingSince: Date | null, lastAttemptAt: Date, limitMs: number): boolean {
  return failingSince !== null && lastAttemptAt.getTime() - failingSince.getTime() >= limitMs;
}
