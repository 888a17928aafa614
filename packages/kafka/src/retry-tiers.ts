/**
 * Retry tiers: each is its own topic whose messages all wait about the same time, so a tier's
 * consumer can hold back a partition's head until it is due without delaying anything that is
 * due sooner (Uber-style tiered retry topics).
 *
 * delayMs is the nominal wait before the attempt that the tier carries, in milliseconds.
 */
export const RETRY_TIERS = [
  { name: '5s', delayMs: 5_000 },
  { name: '30s', delayMs: 30_000 },
  { name: '2m', delayMs: 120_000 },
  { name: '15m', delayMs: 900_000 },
  { name: '1h', delayMs: 3_600_000 },
  { name: '6h', delayMs: 21_600_000 },
] as const satisfies readonly { name: string; delayMs: number }[];

export type RetryTierName = (typeof RETRY_TIERS)[number]['name'];
export type RetryTier = (typeof RETRY_TIERS)[number];

/**
 * The tier a wait of `delayMs` belongs in: the longest tier not longer than the wait, so a
 * message never sits in a tier whose neighbours are due much later than it is.
 */
export function tierForDelay(delayMs: number): RetryTier {
  let chosen: RetryTier = RETRY_TIERS[0];
  for (const tier of RETRY_TIERS) {
    if (tier.delayMs <= delayMs) chosen = tier;
  }
  return chosen;
}
