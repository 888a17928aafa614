import { type EventType, exampleData } from '@hookstream/events';

/**
 * What the demo publishes: one event of each of a few domains. The demo subscription takes
 * kyc.*, card.* and rate.changed, so the order event shows filtering (it is not delivered).
 */
export const DEMO_SUBSCRIBED_TYPES = ['kyc.*', 'card.*', 'rate.changed'];

export const DEMO_EVENTS: ReadonlyArray<{ type: EventType; delivered: boolean }> = [
  { type: 'kyc.verification.success', delivered: true },
  { type: 'card.created', delivered: true },
  { type: 'card.transaction.created', delivered: true },
  { type: 'order.created', delivered: false },
  { type: 'rate.changed', delivered: true },
];

export function sampleData<T extends EventType>(type: T) {
  return exampleData(type);
}
