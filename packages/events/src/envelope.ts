import { z } from 'zod';
import { UtcTimestamp } from './fields.js';
import { AccountId, EventId, TenantId } from './ids.js';

/**
 * The v1 envelope on the `hookstream.events` topic (fixed by the design brief).
 *
 * Strict: an unknown top-level key is rejected rather than dropped. A typo such as
 * `occured_at` or `tenant_id` would otherwise pass silently with the real field missing
 * or, worse, be forwarded to customers; the quarantine topic makes the mistake visible.
 * `accountId` is optional but, when present, must be a valid id (`null` is not "absent").
 *
 * `data` is only checked to be a JSON object here; the type's catalog schema checks it
 * afterwards (see `validateEvent`), so an envelope error and a data error get distinct codes.
 */
export const EventEnvelope = z.strictObject({
  /** Producer-assigned and unique; consumers use it as the idempotency key. */
  id: EventId,
  /** A type from the catalog; unknown types fail later with `unknown_type`, not here. */
  type: z.string().min(1, { error: 'expected a non-empty event type' }),
  /** The platform customer the event belongs to. */
  tenantId: TenantId,
  /** The customer's sub-account the event concerns, when there is one. */
  accountId: AccountId.optional(),
  /** When the fact happened at the producer, not when it was published. */
  occurredAt: UtcTimestamp,
  data: z.record(z.string(), z.unknown(), { error: 'expected a JSON object' }),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/** The envelope with `type` pinned to one name and `data` to that type's schema. */
export function envelopeSchemaFor<T extends string, D extends z.ZodType>(type: T, data: D) {
  return EventEnvelope.extend({ type: z.literal(type), data });
}
