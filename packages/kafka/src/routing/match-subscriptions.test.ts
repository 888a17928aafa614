import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventEnvelope } from '@hookstream/events';
import { subscriptionFixture } from '../messages/subscription-record.fixture.js';
import { SubscriptionRecord } from '../messages/subscription-record.js';
import { matchSubscriptions, subscriptionWants } from './match-subscriptions.js';

const event = (overrides: Partial<EventEnvelope> = {}): EventEnvelope => ({
  id: 'evt_1',
  type: 'card.transaction.created',
  tenantId: 'ten_a',
  accountId: 'acc_1',
  occurredAt: '2026-11-22T10:00:00.000Z',
  data: {},
  ...overrides,
});

// A parsed, valid record.
const base = SubscriptionRecord.parse(subscriptionFixture({ tenantId: 'ten_a', eventTypes: ['card.*'] }));
const subscription = (overrides: Partial<SubscriptionRecord> = {}): SubscriptionRecord => ({
  ...base,
  ...overrides,
});

const cases: Array<
  [name: string, sub: Partial<SubscriptionRecord>, evt: Partial<EventEnvelope>, wanted: boolean]
> = [
  ['prefix wildcard matches a nested type', {}, {}, true],
  ['"*" matches everything', { eventTypes: ['*'] }, { type: 'rate.changed' }, true],
  ['exact type matches', { eventTypes: ['card.transaction.created'] }, {}, true],
  ['another exact type does not', { eventTypes: ['card.created'] }, {}, false],
  [
    'one of several patterns is enough',
    { eventTypes: ['kyc.*', 'card.created', 'card.transaction.*'] },
    {},
    true,
  ],
  ['a disabled subscription never matches', { enabled: false }, {}, false],
  ["another tenant's subscription never matches", { tenantId: 'ten_b' }, {}, false],
  ['account scope: listed account matches', { accountIds: ['acc_0', 'acc_1'] }, {}, true],
  ['account scope: other account does not', { accountIds: ['acc_2'] }, {}, false],
  [
    'account scope: an event about no account does not',
    { accountIds: ['acc_1'] },
    { accountId: undefined },
    false,
  ],
  ['no scope: an event about no account matches', {}, { accountId: undefined }, true],
];

for (const [name, sub, evt, wanted] of cases) {
  test(name, () => {
    const candidate = event(evt);
    if (evt.accountId === undefined && 'accountId' in evt) delete candidate.accountId;
    assert.equal(subscriptionWants(subscription(sub), candidate), wanted);
  });
}

test('matchSubscriptions keeps every subscription that wants the event, in order', () => {
  const matched = matchSubscriptions(event(), [
    subscription({ id: 'sub_a' }),
    subscription({ id: 'sub_b', enabled: false }),
    subscription({ id: 'sub_c', eventTypes: ['*'] }),
  ]);
  assert.deepEqual(
    matched.map((item) => item.id),
    ['sub_a', 'sub_c'],
  );
});
