import { type EventDataOf, type EventType, eventCatalog } from './catalog/index.js';
import type { EventEnvelope } from './envelope.js';
import type { TypedEvent } from './typed-event.js';

type EnvelopeFields = Partial<Pick<EventEnvelope, 'id' | 'tenantId' | 'accountId' | 'occurredAt'>>;

/** Fixed values, so documentation and snapshots built from examples do not change between runs. */
const EXAMPLE_ENVELOPE = {
  id: 'evt_01JDQ3ZA7E2X9K4M6P8R0T2V4W',
  tenantId: 'ten_01JDQ3W0A1B2C3D4E5F6G7H8J9',
  accountId: 'acc_01JDQ3X1Y2Z3A4B5C6D7E8F9G0',
  occurredAt: '2026-11-22T10:00:00.000Z',
} as const satisfies Required<EnvelopeFields>;

/** A copy of the catalog example for `type`'s `data`, safe for the caller to change. */
export function exampleData<T extends EventType>(type: T): EventDataOf<T> {
  // The catalog is keyed by type, so this entry's example is the data of `T`; TypeScript
  // only sees the union of all examples through the indexed access.
  return structuredClone(eventCatalog[type].example) as EventDataOf<T>;
}

/**
 * A complete, valid event of `type` built from the catalog example, e.g. for documentation
 * or a subscription's test send (which passes its own `tenantId` and a fresh `id`).
 */
export function exampleEvent<T extends EventType>(type: T, envelope: EnvelopeFields = {}): TypedEvent<T> {
  const event = { ...EXAMPLE_ENVELOPE, ...envelope, type, data: exampleData(type) };
  // Spreading loses the link between `type` and `data` that `TypedEvent<T>` expresses.
  return event as unknown as TypedEvent<T>;
}
