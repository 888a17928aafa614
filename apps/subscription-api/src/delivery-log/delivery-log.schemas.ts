import { z } from 'zod';
import { decodeCursor } from './cursor.js';

const Instant = z.iso
  .datetime({ offset: true, error: 'expected an ISO 8601 time, e.g. 2026-11-22T10:00:00Z' })
  .meta({ example: '2026-11-22T10:00:00Z' });

const Cursor = z
  .string()
  .refine((text) => decodeCursor(text) !== null, 'expected the nextCursor of a previous page')
  .optional();

const Limit = z.coerce.number().int().min(1).max(100).default(20);

function sinceNotAfterUntil(value: { since?: string | undefined; until?: string | undefined }): boolean {
  return (
    value.since === undefined ||
    value.until === undefined ||
    Date.parse(value.since) < Date.parse(value.until)
  );
}
const reversed = { error: 'must be later than since', path: ['until'] };

export const ListAttemptsQuery = z
  .strictObject({
    limit: Limit,
    cursor: Cursor,
    /** An attempt outcome: delivered, retry_scheduled, dead_lettered, cancelled, circuit_open, … */
    status: z
      .string()
      .regex(/^[a-z_]{1,64}$/, 'expected an attempt status such as delivered or retry_scheduled')
      .optional(),
    eventType: z.string().min(1).max(200).optional(),
    since: Instant.optional(),
    until: Instant.optional(),
  })
  .refine(sinceNotAfterUntil, reversed);
export type ListAttemptsQuery = z.infer<typeof ListAttemptsQuery>;

export const ListDeadLettersQuery = z
  .strictObject({ limit: Limit, cursor: Cursor, since: Instant.optional(), until: Instant.optional() })
  .refine(sinceNotAfterUntil, reversed);
export type ListDeadLettersQuery = z.infer<typeof ListDeadLettersQuery>;

export const WebhookIdParam = z
  .string()
  .regex(/^msg_[A-Za-z0-9_-]{1,64}$/, 'expected a msg_ id (the webhook-id)');

/** Most letters one redrive call sends; `redriven` in the answer says how many went. */
export const MAX_REDRIVE = 1_000;

export const RedriveBody = z
  .strictObject({
    ids: z
      .array(z.string().regex(/^dlq_[A-Za-z0-9_-]{1,64}$/, 'expected a dlq_ id'))
      .min(1)
      .max(MAX_REDRIVE)
      .optional(),
    since: Instant.optional(),
    until: Instant.optional(),
    /** Also send letters already redriven (by default a redriven letter is not sent again). */
    force: z.boolean().default(false),
  })
  .refine((body) => body.ids !== undefined || body.since !== undefined, {
    error: 'give ids, or a time range starting at since',
    path: ['since'],
  })
  .refine(sinceNotAfterUntil, reversed);
export type RedriveBody = z.infer<typeof RedriveBody>;
