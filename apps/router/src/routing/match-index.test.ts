import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EVENT_TYPES, type EventEnvelope } from '@hookstream/events';
import type { SubscriptionRecord } from '@hookstream/kafka';
import { matchSubscriptions } from '@hookstream/kafka';
import { subscriptionRecord } from '@hookstream/testkit';
import { MatchIndex } from './match-index.js';

const event = (type: string, tenantId: string, accountId?: string): EventEnvelope => ({
  id: 'evt_1',
  type,
  tenantId: tenantId as `ten_${string}`,
  ...(accountId === undefined ? {} : { accountId: accountId as `acc_${string}` }),
  occurredAt: '2026-11-22T10:00:00.000Z',
  data: {},
});

/** A small deterministic generator, so the population is the same on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

test('the index matches exactly what the reference filter matches, in the same order, each once', () => {
  const random = seeded(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const patterns = [
    '*',
    'card.*',
    'card*',
    '*.created',
    'kyc.*',
    'rate.changed',
    'order.created',
    'card.created',
  ];
  const records: SubscriptionRecord[] = Array.from({ length: 400 }, (_, i) =>
    subscriptionRecord({
      id: `sub_${i}`,
      tenantId: `ten_${i % 5}`,
      // Overlapping patterns on purpose: a subscription must still match once.
      eventTypes: [pick(patterns), pick(patterns)],
      enabled: random() > 0.1,
      accountIds: random() > 0.7 ? ['acc_1', 'acc_2'] : null,
    }),
  );
  const index = MatchIndex.of(records);
  for (const type of EVENT_TYPES)
    for (const tenantId of ['ten_0', 'ten_3', 'ten_none'])
      for (const accountId of [undefined, 'acc_1', 'acc_9']) {
        const candidate = event(type, tenantId, accountId);
        const expected = matchSubscriptions(
          candidate,
          records.filter((record) => record.tenantId === tenantId),
        ).map((record) => record.id);
        const actual = index.match(candidate).map((matched) => matched.record.id);
        assert.deepEqual(actual, expected, `${type} ${tenantId} ${accountId}`);
      }
});

test('a changed tenant is re-indexed, and conditions are compiled once per subscription version', () => {
  const records = new Map<string, SubscriptionRecord>();
  const put = (record: SubscriptionRecord) => records.set(record.id, record);
  let notify: (tenantId: string) => void = () => {};
  const index = new MatchIndex({
    forTenant: () => records.values(),
    onTenantChange: (listener) => {
      notify = listener;
    },
  });
  const apr = [{ field: 'apr', operator: 'lt' as const, value: '6.25' }];
  put(subscriptionRecord({ id: 'sub_a', tenantId: 'ten_a', eventTypes: ['rate.changed'], conditions: apr }));
  const first = index.match(event('rate.changed', 'ten_a'));
  assert.deepEqual(
    first.map((matched) => matched.record.id),
    ['sub_a'],
  );

  put(subscriptionRecord({ id: 'sub_b', tenantId: 'ten_a', eventTypes: ['rate.*'] }));
  assert.equal(index.match(event('rate.changed', 'ten_a')).length, 1, 'not seen before the view says so');
  notify('ten_a');
  const second = index.match(event('rate.changed', 'ten_a'));
  assert.deepEqual(
    second.map((matched) => matched.record.id),
    ['sub_a', 'sub_b'],
  );
  assert.equal(second[0]?.conditions, first[0]?.conditions, 'same version: the compiled predicate is reused');

  const current = records.get('sub_a') as SubscriptionRecord;
  put({
    ...current,
    version: current.version + 1,
    conditions: [{ field: 'apr', operator: 'lt', value: '5' }],
  });
  notify('ten_a');
  const third = index.match(event('rate.changed', 'ten_a'));
  assert.notEqual(third[0]?.conditions, first[0]?.conditions, 'a new version is compiled again');
  assert.equal(third[0]?.conditions?.evaluate({ apr: '5.5' }, undefined).passed, false);

  put({ ...current, version: current.version + 2, enabled: false });
  notify('ten_a');
  assert.deepEqual(
    index.match(event('rate.changed', 'ten_a')).map((matched) => matched.record.id),
    ['sub_b'],
  );
});

test('a change to a tenant never indexed is harmless, and its first event indexes it', () => {
  let notify: (tenantId: string) => void = () => {};
  const records = [subscriptionRecord({ id: 'sub_a', tenantId: 'ten_new', eventTypes: ['card.*'] })];
  const index = new MatchIndex({
    forTenant: (tenantId) => records.filter((record) => record.tenantId === tenantId),
    onTenantChange: (listener) => {
      notify = listener;
    },
  });
  assert.doesNotThrow(() => notify('ten_new'));
  assert.deepEqual(
    index.match(event('card.created', 'ten_new')).map((matched) => matched.record.id),
    ['sub_a'],
  );
});
