import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountEvents } from './account.js';
import { bankAccountEvents } from './bank-account.js';
import { cardEvents } from './card.js';
import { EVENT_TYPES, type EventDataOf, EventType, eventCatalog, isEventType } from './index.js';
import { kycEvents } from './kyc.js';
import { orderEvents } from './order.js';
import { rateEvents } from './rate.js';
import { subscriptionEvents } from './subscription.js';
import { transactionEvents } from './transaction.js';

/** The types the design brief asks for; the catalog must hold exactly these. */
const REQUIRED_TYPES = [
  'kyc.verification.success',
  'kyc.verification.failure',
  'kyc.verification.error',
  'kyc.verification.timeout',
  'kyc.session.created',
  'kyc.session.completed',
  'kyc.session.processed',
  'bank_account.connected',
  'bank_account.updated',
  'bank_account.disconnected',
  'transaction.created',
  'transaction.updated',
  'order.created',
  'order.completed',
  'order.cancelled',
  'card.created',
  'card.transaction.created',
  'card.3ds_auth.requested',
  'card.wallet_token.transitioned',
  'account.created',
  'account.activated',
  'account.status_updated',
  'rate.changed',
  // Operational, published by the platform itself (issue 10).
  'subscription.disabled',
];

describe('event catalog', () => {
  it('holds exactly the required types', () => {
    assert.deepEqual([...EVENT_TYPES].sort(), [...REQUIRED_TYPES].sort());
  });

  it('has no type defined in two domain files (a spread would silently keep the last)', () => {
    const sections = [
      kycEvents,
      bankAccountEvents,
      transactionEvents,
      orderEvents,
      cardEvents,
      accountEvents,
      rateEvents,
      subscriptionEvents,
    ];
    const total = sections.reduce((sum, section) => sum + Object.keys(section).length, 0);
    assert.equal(total, EVENT_TYPES.length);
  });

  it('EVENT_TYPES is frozen and matches the catalog keys in order', () => {
    assert.ok(Object.isFrozen(EVENT_TYPES));
    assert.deepEqual(EVENT_TYPES, Object.keys(eventCatalog));
  });

  for (const type of EVENT_TYPES) {
    describe(type, () => {
      const definition = eventCatalog[type];

      it('has a lower-case dotted name', () => {
        assert.match(type, /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/);
      });

      it('has a one-line description', () => {
        assert.ok(definition.description.length > 10 && definition.description.length <= 120);
        assert.doesNotMatch(definition.description, /\n/);
        assert.match(definition.description, /\.$/);
      });

      it('example validates against its schema unchanged', () => {
        const result = definition.schema.safeParse(definition.example);
        assert.ok(result.success, result.error?.message);
        assert.deepEqual(result.data, definition.example);
      });

      it('schema rejects an unknown data key', () => {
        const result = definition.schema.safeParse({ ...definition.example, unexpectedField: 1 });
        assert.equal(result.success, false);
      });
    });
  }
});

describe('isEventType', () => {
  const cases: [string, boolean][] = [
    ['card.created', true],
    ['rate.changed', true],
    ['card.*', false],
    ['Card.Created', false],
    ['', false],
    ['toString', false],
    ['__proto__', false],
    ['hasOwnProperty', false],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} → ${expected}`, () => assert.equal(isEventType(value), expected));
  }
});

describe('EventType zod enum', () => {
  it('accepts catalog names and rejects others', () => {
    assert.equal(EventType.safeParse('order.cancelled').success, true);
    assert.equal(EventType.safeParse('order.deleted').success, false);
  });
});

describe('EventDataOf', () => {
  it('types data by event type (compile-time check)', () => {
    const data: EventDataOf<'rate.changed'> = eventCatalog['rate.changed'].example;
    const rate: string = data.rate;
    const payment: number = data.monthlyPayment;
    assert.equal(typeof rate, 'string');
    assert.equal(typeof payment, 'number');
  });
});
