import { z } from 'zod';

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
});
export type DeliveryTask = z.infer<typeof DeliveryTask>;
