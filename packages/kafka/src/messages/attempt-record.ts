import { z } from 'zod';

export const ATTEMPT_OUTCOMES = [
  /** The endpoint answered 2xx. */
  'delivered',
  /** Failed; the task went to a retry topic. */
  'retry_scheduled',
  /** Failed for good (attempts used up or a permanent error); the task went to the dead-letter topic. */
  'dead_lettered',
] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Value of the attempts topic: what happened at one attempt, for the attempt log and dashboards. */
export const AttemptRecord = z.object({
  id: z.string().startsWith('atm_'),
  messageId: z.string().startsWith('msg_'),
  eventId: z.string(),
  eventType: z.string(),
  tenantId: z.string(),
  subscriptionId: z.string(),
  attempt: z.number().int().positive(),
  /** Null when no request was sent (for example the subscription was deleted). */
  url: z.string().nullable(),
  startedAt: z.iso.datetime(),
  /** Wall time of the HTTP exchange in milliseconds. */
  durationMs: z.number().nonnegative(),
  outcome: z.enum(ATTEMPT_OUTCOMES),
  statusCode: z.number().int().nullable(),
  /** Why it failed, in words; null when delivered. */
  error: z.string().nullable(),
  /** The first KiB of the response body, for debugging an endpoint. */
  responseBody: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
});
export type AttemptRecord = z.infer<typeof AttemptRecord>;
