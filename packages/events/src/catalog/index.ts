import { z } from 'zod';
import { accountEvents } from './account.js';
import { bankAccountEvents } from './bank-account.js';
import { cardEvents } from './card.js';
import type { EventDefinitions } from './definition.js';
import { kycEvents } from './kyc.js';
import { orderEvents } from './order.js';
import { rateEvents } from './rate.js';
import { subscriptionEvents } from './subscription.js';
import { transactionEvents } from './transaction.js';

/**
 * Every event type Hookstream accepts, keyed by name. Adding a type is one entry in one of
 * the domain files; everything else (validation, JSON Schema, the API's list) derives from here.
 * Frozen, so no caller can add or replace a type at run time.
 */
export const eventCatalog = Object.freeze({
  ...kycEvents,
  ...bankAccountEvents,
  ...transactionEvents,
  ...orderEvents,
  ...cardEvents,
  ...accountEvents,
  ...rateEvents,
  ...subscriptionEvents,
} satisfies EventDefinitions);

export type EventCatalog = typeof eventCatalog;
export type EventType = keyof EventCatalog;

/** The `data` type of one event type, e.g. `EventDataOf<'card.created'>`. */
export type EventDataOf<T extends EventType> = z.output<EventCatalog[T]['schema']>;

/**
 * All type names in catalog order. `Object.keys` types its result as `string[]`; the cast is
 * sound because the keys are exactly those of `eventCatalog`. Frozen so no caller can
 * change what the router considers known.
 */
export const EVENT_TYPES = Object.freeze(Object.keys(eventCatalog)) as readonly EventType[];

/**
 * The type names as a zod enum, for inputs that name types (e.g. a subscription's filter).
 * Same name as the `EventType` type, following the schema-plus-type convention.
 */
export const EventType = z.enum(EVENT_TYPES);

/** Own keys only, so `"toString"` or `"__proto__"` are not event types. */
export function isEventType(value: string): value is EventType {
  return Object.hasOwn(eventCatalog, value);
}

export * from './account.js';
export * from './bank-account.js';
export * from './card.js';
export type { DataSchema, EventDefinition, EventDefinitions } from './definition.js';
export * from './kyc.js';
export * from './order.js';
export * from './rate.js';
export * from './subscription.js';
export * from './transaction.js';
export { UsStateCode } from './us-state.js';
