import { isTypePattern } from '@hookstream/events';
import { z } from 'zod';

const Instant = z.iso
  .datetime({ offset: true, error: 'expected an ISO 8601 time, e.g. 2026-11-22T10:00:00Z' })
  .meta({ example: '2026-11-22T10:00:00Z' });

export const ReplayBody = z.strictObject({
  /** Start of the window (inclusive): required, a replay is always bounded. */
  since: Instant,
  /** End of the window (exclusive): required; later than now reads up to now. */
  until: Instant,
  /** Narrows the subscription's own types for this replay (patterns as in eventTypes). */
  eventTypes: z
    .array(z.string().refine(isTypePattern, 'expected an event type or a wildcard such as "card.*"'))
    .min(1)
    .max(50)
    .optional(),
});
export type ReplayBody = z.infer<typeof ReplayBody>;

export const ReplayIdParam = z.string().regex(/^rpl_[A-Za-z0-9_-]{1,64}$/, 'expected a rpl_ id');
