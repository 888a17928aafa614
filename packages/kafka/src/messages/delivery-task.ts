import { z } from 'zod';

/** A subscription view's read position: partition number (decimal) → next offset to read. */
export const ViewPosition = z.record(z.string().regex(/^\d{1,9}$/), z.number().int().nonnegative());
export type ViewPosition = z.infer<typeof ViewPosition>;

/**
 * One event to deliver to one subscription: the value of the deliveries, retry and dead-letter
 * topics. The payload is the exact body that is signed and POSTed, serialised once by the
 * router, so every retry sends the same bytes.
 */
export const DeliveryTask = z.object({
  /** The webhook-id: the same for every attempt of this event to this subscription. */
  messageId: z.string().startsWith('msg_'),
  eventId: z.string().startsWith('evt_'),
  eventType: z.string(),
  tenantId: z.string().startsWith('ten_'),
  accountId: z.string().nullable(),
  subscriptionId: z.string().startsWith('sub_'),
  /** Compact JSON body, byte-for-byte what the endpoint receives. */
  payload: z.string(),
  /** Number of the attempt this task is for, from 1. */
  attempt: z.number().int().positive(),
  /** When the router created the first task, for end-to-end latency. */
  createdAt: z.iso.datetime(),
  /**
   * The event's occurredAt, for the delivery-latency histogram (event to 2xx). Optional so tasks
   * written before it existed still parse; the worker then skips that observation.
   */
  occurredAt: z.iso.datetime().optional(),
  /** Not to be attempted before this instant (retry tiers); null = now. */
  notBefore: z.iso.datetime().nullable(),
  /**
   * How far the router's subscription view had read when it matched the event (subscriptions
   * partition → next offset), after its read-your-writes barrier. A worker whose view has
   * read as far sees every change the API acknowledged before the event was routed, without
   * asking the broker for end offsets. Optional: tasks written before it existed, and tasks
   * built elsewhere (replays), fall back to the worker's own barrier.
   */
  viewPosition: ViewPosition.optional(),
});
export type DeliveryTask = z.infer<typeof DeliveryTask>;
