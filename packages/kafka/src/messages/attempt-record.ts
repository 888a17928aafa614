import { z } from 'zod';

export const ATTEMPT_OUTCOMES = [
  /** The endpoint answered 2xx. */
  'delivered',
  /** Failed; the task went to a retry topic. */
  'retry_scheduled',
  /** Failed for good (attempts used up or a permanent error); the task went to the dead-letter topic. */
  'dead_lettered',
  /**
   * No request was sent: the endpoint's circuit breaker was open. The task went to a retry topic
   * (or the dead-letter topic when no attempt is left); it uses one attempt of the budget.
   */
  'circuit_open',
  /**
   * No request was sent and none will be: the subscription was deleted or disabled, or the
   * task's tenant does not own the subscription. Nothing goes to the dead-letter topic.
   */
  'cancelled',
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
  /** Null when the subscription was not found (deleted); set whenever its URL is known. */
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
