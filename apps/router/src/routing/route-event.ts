import { parseEvent } from '@hookstream/events';
import type { DeliveryTask, SubscriptionRecord } from '@hookstream/kafka';
import { buildDeliveryTask, payloadsFor } from './build-delivery-task.js';
import { matchSubscriptions } from './match-subscriptions.js';

export type RouteDecision =
  | { kind: 'quarantine'; code: string; reason: string }
  | { kind: 'deliver'; eventId: string; tasks: DeliveryTask[] };

/** Where a subscription lookup comes from: the router passes its view, tests pass an array. */
export type SubscriptionsOfTenant = (tenantId: string) => Iterable<SubscriptionRecord>;

/**
 * The router's whole decision for one raw record, as a pure function: quarantine it (with the
 * reason), or the delivery tasks it fans out to (none when nothing matches).
 */
export function routeEvent(
  value: Buffer | null,
  subscriptionsOf: SubscriptionsOfTenant,
  now: Date,
): RouteDecision {
  const parsed = parseEvent(value);
  if (!parsed.ok) return { kind: 'quarantine', code: parsed.reason.code, reason: parsed.reason.message };
  const event = parsed.event;
  const matched = matchSubscriptions(event, subscriptionsOf(event.tenantId));
  if (matched.length === 0) return { kind: 'deliver', eventId: event.id, tasks: [] };
  const payloadIn = payloadsFor(event);
  return {
    kind: 'deliver',
    eventId: event.id,
    tasks: matched.map((subscription) =>
      buildDeliveryTask(event, subscription.id, payloadIn(subscription.payloadFormat), now),
    ),
  };
}
