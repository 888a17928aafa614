import type { EventDataOf, EventType } from './catalog/index.js';
import type { EventEnvelope } from './envelope.js';

/**
 * An envelope whose `data` is typed by its `type`. With no argument it is the union over all
 * types, so `switch (event.type)` narrows `event.data`:
 *
 *   if (event.type === 'card.created') event.data.last4; // string
 *
 * The conditional type distributes over a union `T`, which is what makes that work.
 */
export type TypedEvent<T extends EventType = EventType> = T extends EventType
  ? Omit<EventEnvelope, 'type' | 'data'> & { type: T; data: EventDataOf<T> }
  : never;
