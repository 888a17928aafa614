import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exampleEvent } from './example-event.js';
import { EventValidationError, validateEventForPublish } from './publish.js';
import { newEventId } from './sortable-id.js';
import type { TypedEvent } from './typed-event.js';

describe('validateEventForPublish', () => {
  it('returns a valid event with the same content', () => {
    const event: TypedEvent<'order.created'> = exampleEvent('order.created');
    const checked = validateEventForPublish(event);
    assert.deepEqual(checked, event);
    assert.equal(checked.data.amount, 250000);
  });

  it('accepts a hand-built event whose data is typed by its type (the README example)', () => {
    const event = validateEventForPublish({
      id: newEventId(),
      type: 'card.created',
      tenantId: 'ten_123',
      occurredAt: new Date().toISOString(),
      data: {
        cardId: 'card_1',
        network: 'visa',
        form: 'virtual',
        last4: '4242',
        expMonth: 11,
        expYear: 2030,
        status: 'active',
        currency: 'USD',
      },
    });
    assert.equal(event.data.last4, '4242');
  });

  it('accepts an optional field set to undefined (JSON drops it)', () => {
    const event = exampleEvent('card.created', { accountId: undefined });
    assert.doesNotThrow(() => validateEventForPublish(event));
  });

  const cases: { name: string; event: () => TypedEvent; code: string; path: string }[] = [
    {
      name: 'a bad envelope',
      event: () => exampleEvent('card.created', { occurredAt: '2026-11-22 10:00' }),
      code: 'invalid_envelope',
      path: 'occurredAt',
    },
    {
      name: 'a type missing from the catalog (only possible past the type system)',
      event: () => ({ ...exampleEvent('card.created'), type: 'card.deleted' }) as unknown as TypedEvent,
      code: 'unknown_type',
      path: 'type',
    },
    {
      name: 'data failing its schema',
      event: () => {
        const event = exampleEvent('card.created');
        return { ...event, data: { ...event.data, expMonth: 13 } };
      },
      code: 'invalid_data',
      path: 'data.expMonth',
    },
  ];
  for (const { name, event, code, path } of cases) {
    it(`throws EventValidationError(${code}) for ${name}`, () => {
      assert.throws(
        () => validateEventForPublish(event()),
        (error: unknown) => {
          assert.ok(error instanceof EventValidationError);
          assert.equal(error.name, 'EventValidationError');
          assert.equal(error.code, code);
          assert.equal(error.issues[0]?.path, path);
          assert.match(error.message, new RegExp(`^${path.replace('.', '\\.')}: `));
          return true;
        },
      );
    });
  }

  it('rejects non-JSON values a producer might pass, such as a Date', () => {
    const event = exampleEvent('rate.changed');
    const bad = { ...event, data: { ...event.data, effectiveAt: new Date() } } as unknown as TypedEvent;
    assert.throws(() => validateEventForPublish(bad), EventValidationError);
  });
});
