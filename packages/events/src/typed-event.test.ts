import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EVENT_TYPES } from './catalog/index.js';
import type { EventEnvelope } from './envelope.js';
import { exampleEvent } from './example-event.js';
import type { TypedEvent } from './typed-event.js';

/** Compiles only if `TypedEvent` narrows `data` by `type`; the test is mostly for tsc. */
function describeEvent(event: TypedEvent): string {
  switch (event.type) {
    case 'card.created':
      return `card ending ${event.data.last4}`;
    case 'rate.changed':
      return `${event.data.state} ${event.data.rate}%`;
    case 'kyc.verification.failure':
      return event.data.reasons.join(',');
    default:
      return event.type;
  }
}

describe('TypedEvent', () => {
  it('narrows data by type', () => {
    assert.equal(describeEvent(exampleEvent('card.created')), 'card ending 4242');
    assert.equal(describeEvent(exampleEvent('rate.changed')), 'CA 6.875%');
  });

  it('is assignable to EventEnvelope (compile-time check)', () => {
    const envelope: EventEnvelope = exampleEvent('kyc.session.created');
    assert.equal(envelope.type, 'kyc.session.created');
  });

  it('exampleEvent accepts envelope overrides', () => {
    const event = exampleEvent('order.completed', { tenantId: 'ten_abc', id: 'evt_x' });
    assert.equal(event.tenantId, 'ten_abc');
    assert.equal(event.id, 'evt_x');
    assert.equal(event.type, 'order.completed');
  });

  it('exampleEvent returns copies of the catalog data', () => {
    const event = exampleEvent('card.created');
    event.data.last4 = '0000';
    assert.equal(exampleEvent('card.created').data.last4, '4242');
    assert.ok(EVENT_TYPES.every((type) => exampleEvent(type).type === type));
  });
});
