/**
 * Retry tiers: each is its own topic whose records wait about the same time, so a tier's
 * consumer can hold a partition's head until it is due (Uber-style tiered retry topics). The
 * worker moves a record that is due later than its tier allows to a longer tier instead.
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
 * How far past its tier's nominal delay a record may be due and still be held at the head of
 * a partition: covers the +20 % retry jitter.
 */
export const TIER_HOLD_ALLOWANCE = 1.25;

/** The longest wait, in ms, a record in `tier` may hold its partition; the last tier has no limit. */
export function tierHoldLimitMs(tier: RetryTier): number {
  const last = RETRY_TIERS[RETRY_TIERS.length - 1];
  return tier.name === last?.name ? Number.POSITIVE_INFINITY : tier.delayMs * TIER_HOLD_ALLOWANCE;
}

/**
 * The tier for a wait of `delayMs`: the shortest one that may hold a record that long. All
 * records of a tier are then due within its hold limit of being enqueued, so holding the head
 * of a partition delays what is behind it by at most the tier's width, and a record found due
 * later than its tier allows always moves to a strictly longer tier.
 */
export function tierForDelay(delayMs: number): RetryTier {
  for (const tier of RETRY_TIERS) {
    if (delayMs <= tierHoldLimitMs(tier)) return tier;
  }
  return RETRY_TIERS[RETRY_TIERS.length - 1] as RetryTier;
}
