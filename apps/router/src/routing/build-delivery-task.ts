import { createHash } from 'node:crypto';
import { type EventEnvelope, type PayloadFormat, webhookBody } from '@hookstream/events';
import type { DeliveryTask, ViewPosition } from '@hookstream/kafka';

/**
 * The webhook-id of one event sent to one subscription. Derived, not random, so a router that
 * processes an event twice (after a crash) produces the same id and receivers deduplicate it.
 */
export function messageIdFor(eventId: string, subscriptionId: string): string {
  const digest = createHash('sha256').update(`${eventId}\u0000${subscriptionId}`).digest('base64url');
  // 24 base64url chars = 144 bits: collisions are out of reach.
  return `msg_${digest.slice(0, 24)}`;
}

/**
 * The body endpoints receive, in the subscription's payload format (default `standard`: the
 * Standard Webhooks shape plus the event id and account). Serialised once with JSON.stringify,
 * so it is compact JSON whose JSON.stringify(JSON.parse(body)) is the same bytes (some partner
 * schemes re-serialise).
 */
export function webhookPayload(event: EventEnvelope, format?: PayloadFormat): string {
  return webhookBody(event, format);
}

/** Builds each format's body at most once per event, however many subscriptions share it. */
export function payloadsFor(event: EventEnvelope): (format: PayloadFormat | undefined) => string {
  const built = new Map<PayloadFormat | undefined, string>();
  return (format) => {
    let body = built.get(format ?? 'standard');
    if (body === undefined) {
      body = webhookBody(event, format);
      built.set(format ?? 'standard', body);
    }
    return body;
  };
}

export function buildDeliveryTask(
  event: EventEnvelope,
  subscriptionId: string,
  payload: string,
  now: Date,
  /** The router's subscription view position after its barrier; the worker waits for it. */
  viewPosition?: ViewPosition,
): DeliveryTask {
  const task: DeliveryTask = {
    messageId: messageIdFor(event.id, subscriptionId),
    eventId: event.id,
    eventType: event.type,
    tenantId: event.tenantId,
    accountId: event.accountId ?? null,
    subscriptionId,
    payload,
    attempt: 1,
    createdAt: now.toISOString(),
    occurredAt: event.occurredAt,
    notBefore: null,
  };
  if (viewPosition !== undefined) task.viewPosition = viewPosition;
  return task;
}
