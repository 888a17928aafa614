import type { LoggedAttempt } from './decode-records.js';

/** What one batch says about one subscription's endpoint. */
export interface HealthChange {
  subscriptionId: string;
  tenantId: string;
  /** The latest success in the batch; null when none. */
  lastSuccessAt: string | null;
  /** Start times of the batch's failed attempts. */
  failures: string[];
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

/** Per subscription, the health facts a batch of attempts holds (pure; order-insensitive). */
export function healthChanges(attempts: readonly LoggedAttempt[]): HealthChange[] {
  const bySubscription = new Map<string, HealthChange>();
  for (const attempt of attempts) {
    const failed = isEndpointFailure(attempt);
    if (attempt.outcome !== 'delivered' && !failed) continue;
    const change = bySubscription.get(attempt.subscriptionId) ?? {
      subscriptionId: attempt.subscriptionId,
      tenantId: attempt.tenantId,
      lastSuccessAt: null,
      failures: [],
      lastAttemptAt: attempt.startedAt,
    };
    if (failed) change.failures.push(attempt.startedAt);
    else if (change.lastSuccessAt === null || attempt.startedAt > change.lastSuccessAt)
      change.lastSuccessAt = attempt.startedAt;
    if (attempt.startedAt > change.lastAttemptAt) change.lastAttemptAt = attempt.startedAt;
    bySubscription.set(attempt.subscriptionId, change);
  }
  for (const change of bySubscription.values()) change.failures.sort();
  return [...bySubscription.values()];
}

/**
 * Whether an endpoint has failed every attempt for at least `limitMs`: from the first failure
 * after its last success to its latest failure.
 */
export function failingTooLong(
  failingSince: Date | null,
  lastFailureAt: Date | null,
  limitMs: number,
): boolean {
  return (
    failingSince !== null &&
    lastFailureAt !== null &&
    lastFailureAt.getTime() - failingSince.getTime() >= limitMs
  );
}
