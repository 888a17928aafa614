import { z } from 'zod';

/**
 * Value of the compacted router-state changelog: what the router must remember between events
 * for conditions. Written only by the router, in the same transaction as the fan-out it
 * decided, to the partition of the events topic the decision came from (so the router that
 * owns events partition p restores changelog partition p). Keyed by `routerStateKey`.
 */
export const RouterStateRecord = z.discriminatedUnion('kind', [
  z.object({
    /** The last value of each `change_pct` field of one subscription for one entity (event key). */
    kind: z.literal('previous'),
    subscriptionId: z.string().startsWith('sub_'),
    entity: z.string(),
    /** Field path → the value as a decimal string, exactly as it was compared. */
    values: z.record(z.string(), z.string()),
    /** The event that set these values. */
    eventId: z.string(),
  }),
  z.object({
    /** When the subscription last got a delivery from this events partition (cooldown). */
    kind: z.literal('cooldown'),
    subscriptionId: z.string().startsWith('sub_'),
    lastDeliveredAt: z.iso.datetime(),
  }),
]);
export type RouterStateRecord = z.infer<typeof RouterStateRecord>;

/** The changelog key: one record per (kind, subscription, entity); compaction keeps the last. */
export function routerStateKey(
  record: Pick<RouterStateRecord, 'kind' | 'subscriptionId'> & { entity?: string },
): string {
  return record.kind === 'previous'
    ? `previous\u0000${record.subscriptionId}\u0000${record.entity ?? ''}`
    : `cooldown\u0000${record.subscriptionId}`;
}
