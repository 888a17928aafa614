import { RETRY_TIERS } from '@hookstream/kafka';
import type { Verdict } from './classify-outcome.js';

/** ±20 % jitter spreads retries of a burst so a recovering endpoint is not hit all at once. */
const JITTER = 0.2;
const LONGEST_TIER_MS = Math.max(...RETRY_TIERS.map((tier) => tier.delayMs));

export interface RetryPolicy {
  /** Attempts in all, the first one included; after the last failure the task is dead-lettered. */
  maxAttempts: number;
}

/**
 * How long to wait after failed attempt `attempt` (1-based), in ms, or null when no attempt is
 * left. The schedule follows the retry tiers (5 s, 30 s, 2 m, 15 m, 1 h, 6 h, then 6 h), one
 * tier slower after a 429/503/timeout, with jitter. A Retry-After longer than that wins, capped
 * at the longest tier so a hostile header cannot park a task for a year.
 */
export function nextRetryDelayMs(
  attempt: number,
  verdict: Extract<Verdict, { kind: 'retry' }>,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (attempt >= policy.maxAttempts) return null;
  const step = Math.min(attempt - 1 + (verdict.slowDown ? 1 : 0), RETRY_TIERS.length - 1);
  const base = RETRY_TIERS[Math.max(step, 0)]?.delayMs ?? LONGEST_TIER_MS;
  const jittered = Math.round(base * (1 - JITTER + 2 * JITTER * random()));
  const requested = verdict.retryAfterSeconds === null ? 0 : verdict.retryAfterSeconds * 1000;
  return Math.min(Math.max(jittered, requested), LONGEST_TIER_MS);
}
