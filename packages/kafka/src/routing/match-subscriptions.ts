import { anyTypePatternMatches, type EventEnvelope } from '@hookstream/events';
import type { SubscriptionRecord } from '../messages/subscription-record.js';

/**
 * Does `subscription` want `event`? Enabled, same tenant, an event-type pattern matches, and,
 * when the subscription is scoped to accounts, the event is about one of them (an event about
 * no account never matches a scoped subscription).
 */
export function subscriptionWants(subscription: SubscriptionRecord, event: EventEnvelope): boolean {
  if (!subscription.enabled) return false;
  if (subscription.tenantId !== event.tenantId) return false;
  if (!anyTypePatternMatches(subscription.eventTypes, event.type)) return false;
  if (subscription.accountIds === null) return true;
  return event.accountId !== undefined && subscription.accountIds.includes(event.accountId);
}

export function matchSubscriptions(
  event: EventEnvelope,
  candidates: Iterable<SubscriptionRecord>,
): SubscriptionRecord[] {
  const matched: SubscriptionRecord[] = [];
  for (const subscription of candidates) {
    if (subscriptionWants(subscription, event)) matched.push(subscription);
  }
  return matched;
}
