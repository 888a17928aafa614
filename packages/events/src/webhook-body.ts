import type { EventEnvelope } from './envelope.js';

/**
 * The body shapes a subscription can receive (its `payloadFormat`). Each reproduces a
 * partner's documented webhook body, so one deployment can serve all of them:
 * - `standard`: `{id, type, timestamp, accountId?, data}`, the Standard Webhooks shape plus the
 *   event id and account;
 * - `envelope-unix`: `{id, type, created, data}` with `created` in Unix seconds (a KYC provider);
 * - `event-data`: `{userId, event, data}` with the account id as `userId` (Ratio).
 */
export const PAYLOAD_FORMATS = ['standard', 'envelope-unix', 'event-data'] as const;
export type PayloadFormat = (typeof PAYLOAD_FORMATS)[number];
export const DEFAULT_PAYLOAD_FORMAT: PayloadFormat = 'standard';

export interface WebhookBodyOptions {
  /** Marks a test send (`POST /v1/subscriptions/:id/test`) so receivers can tell it apart. */
  test?: boolean;
}

/**
 * The exact body sent for `event` in `format`. Serialised once with JSON.stringify, so it is
 * compact JSON that survives `JSON.stringify(JSON.parse(body))` byte for byte (partners that
 * re-serialise before verifying depend on it).
 */
export function webhookBody(
  event: EventEnvelope,
  format: PayloadFormat = DEFAULT_PAYLOAD_FORMAT,
  options: WebhookBodyOptions = {},
): string {
  const test = options.test ? { test: true } : {};
  switch (format) {
    case 'envelope-unix':
      return JSON.stringify({
        id: event.id,
        type: event.type,
        created: Math.floor(Date.parse(event.occurredAt) / 1000),
        ...test,
        data: event.data,
      });
    case 'event-data':
      return JSON.stringify({
        userId: event.accountId ?? null,
        event: event.type,
        ...test,
        data: event.data,
      });
    default:
      return JSON.stringify({
        id: event.id,
        type: event.type,
        timestamp: event.occurredAt,
        ...(event.accountId === undefined ? {} : { accountId: event.accountId }),
        ...test,
        data: event.data,
      });
  }
}
