import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleData, exampleEvent } from '@hookstream/events';
import { type Condition, DeliveryTask, RouterStateRecord, type SubscriptionRecord } from '@hookstream/kafka';
import { subscriptionRecord } from '@hookstream/testkit';
import { MatchIndex } from './match-index.js';
import { PartitionState } from './partition-state.js';
import { planBatch, type SourceRecord } from './plan-batch.js';

const now = new Date('2026-11-22T12:00:00.000Z');
const source = { topic: 'p.events', partition: 1 };

/** A rate.changed event for one product in one state, at `minute` minutes past 10:00. */
function rate(
  id: string,
  minute: number,
  apr: string,
  overrides: Record<string, unknown> = {},
): SourceRecord {
  const occurredAt = new Date(Date.parse('2026-11-22T10:00:00.000Z') + minute * 60_000).toISOString();
  const event = {
    ...exampleEvent('rate.changed', { id: id as `evt_${string}`, tenantId: 'ten_a', occurredAt }),
    data: { ...exampleData('rate.changed'), state: 'CA', apr, ...overrides },
  };
  return { key: Buffer.from('ten_a'), value: Buffer.from(JSON.stringify(event)), offset: String(minute) };
}

function subscription(conditions: Condition[], cooldownMinutes?: number): SubscriptionRecord {
  return subscriptionRecord({
    id: 'sub_rates',
    tenantId: 'ten_a',
    eventTypes: ['rate.changed'],
    conditions,
    ...(cooldownMinutes === undefined ? {} : { cooldownMinutes }),
  });
}

/** Routes each batch in turn, committing its state changes like the router does after a commit. */
function routeBatches(sub: SubscriptionRecord, batches: SourceRecord[][]) {
  const index = MatchIndex.of([sub]);
  const state = new PartitionState();
  const delivered: Array<{ eventId: string; body: Record<string, unknown> }> = [];
  let suppressed = 0;
  let notMet = 0;
  for (const batch of batches) {
    const plan = planBatch(source, batch, index, now, state);
    for (const message of plan.stateMessages) {
      assert.equal(message.partition, source.partition, 'state goes to the partition of its events');
      RouterStateRecord.parse(JSON.parse(String(message.value)));
    }
    state.apply(plan.stateChanges);
    suppressed += plan.cooldownSuppressed;
    notMet += plan.conditionsNotMet;
    for (const message of plan.deliveries) {
      const task = DeliveryTask.parse(JSON.parse(String(message.value)));
      delivered.push({ eventId: task.eventId, body: JSON.parse(task.payload) });
    }
  }
  return { delivered, suppressed, notMet };
}

const monitor: Condition[] = [
  { field: 'state', operator: 'eq', value: 'CA' },
  { field: 'productType', operator: 'eq', value: 'mortgage_30y_fixed' },
  { field: 'apr', operator: 'lt', value: 6.25 },
];

test('the rate monitor: only matching rates, at most one an hour of event time, with the results', () => {
  const { delivered, suppressed, notMet } = routeBatches(subscription(monitor, 60), [
    [
      rate('evt_high', 0, '6.500'), // above the bound
      rate('evt_first', 5, '6.2499'), // passes: delivered, cooldown starts at 10:05
      rate('evt_cool', 30, '6.100'), // passes but within the hour: suppressed
      rate('evt_ny', 40, '5.000', { state: 'NY' }), // other state
    ],
    [
      rate('evt_equal', 70, '6.2500'), // 6.2500 is not below 6.25
      rate('evt_second', 66, '6.000'), // passes, 61 minutes after the last delivery
      rate('evt_arm', 130, '5.0', { productType: 'mortgage_5_1_arm' }),
    ],
  ]);
  assert.deepEqual(
    delivered.map((item) => item.eventId),
    ['evt_first', 'evt_second'],
  );
  assert.equal(suppressed, 1);
  assert.equal(notMet, 4);
  assert.deepEqual(delivered[0]?.body.conditionResults, [
    { field: 'state', operator: 'eq', threshold: 'CA', actualValue: 'CA', passed: true },
    {
      field: 'productType',
      operator: 'eq',
      threshold: 'mortgage_30y_fixed',
      actualValue: 'mortgage_30y_fixed',
      passed: true,
    },
    { field: 'apr', operator: 'lt', threshold: 6.25, actualValue: '6.2499', passed: true },
  ]);
  assert.deepEqual(
    delivered[0]?.body.data,
    { ...exampleData('rate.changed'), state: 'CA', apr: '6.2499' },
    'data unchanged',
  );
});

test('change_pct compares each entity with its own previous value, across batches', () => {
  const drop: Condition[] = [{ field: 'apr', operator: 'change_pct', value: -2 }];
  const { delivered } = routeBatches(subscription(drop), [
    [rate('evt_1', 0, '6.50'), rate('evt_2', 1, '6.40')], // first: no previous; -1.54 %: no
    [rate('evt_3', 2, '6.272')], // -2 % from 6.40 exactly: yes
    [rate('evt_4', 3, '6.30'), rate('evt_5', 4, '6.1')], // a rise; then -3.17 %: yes
  ]);
  assert.deepEqual(
    delivered.map((item) => item.eventId),
    ['evt_3', 'evt_5'],
  );
  assert.deepEqual(delivered[0]?.body.conditionResults, [
    {
      field: 'apr',
      operator: 'change_pct',
      threshold: -2,
      actualValue: '6.272',
      passed: true,
      previousValue: '6.4',
      currentValue: '6.272',
      changePct: '-2',
    },
  ]);
});

test('a subscription without conditions gets the plain body, and no state is written for it', () => {
  const plain = subscriptionRecord({ id: 'sub_plain', tenantId: 'ten_a', eventTypes: ['rate.changed'] });
  const plan = planBatch(source, [rate('evt_1', 0, '6.5')], MatchIndex.of([plain]), now);
  const task = DeliveryTask.parse(JSON.parse(String(plan.deliveries[0]?.value)));
  assert.equal('conditionResults' in JSON.parse(task.payload), false);
  assert.deepEqual(plan.stateMessages, []);
});

test('a batch that is not committed leaves the state as it was: routing it again decides the same', () => {
  const sub = subscription([{ field: 'apr', operator: 'change_pct', value: -2 }], 60);
  const index = MatchIndex.of([sub]);
  const state = new PartitionState();
  state.apply(planBatch(source, [rate('evt_1', 0, '6.50')], index, now, state).stateChanges);
  const batch = [rate('evt_2', 1, '6.00'), rate('evt_3', 2, '5.00')];
  const first = planBatch(source, batch, index, now, state);
  const again = planBatch(source, batch, index, now, state);
  assert.deepEqual(again.deliveries, first.deliveries);
  assert.deepEqual(again.stateChanges, first.stateChanges);
  assert.equal(first.deliveries.length, 1, 'evt_2 passes; evt_3 passes too but is in the cooldown');
  assert.equal(first.cooldownSuppressed, 1);
});

/** The same record with another Kafka key (entity), or none. */
const keyed = (key: string | null, record: SourceRecord): SourceRecord => ({
  ...record,
  key: key === null ? null : Buffer.from(key),
});

test("change_pct within one batch compares with the same entity's earlier event of that batch", () => {
  const drop: Condition[] = [{ field: 'apr', operator: 'change_pct', value: -2 }];
  const { delivered } = routeBatches(subscription(drop), [
    [
      keyed('product-a', rate('evt_a1', 0, '6.50')),
      keyed('product-b', rate('evt_b1', 1, '6.00')), // another entity: its first value, not a drop
      keyed('product-a', rate('evt_a2', 2, '6.00')), // -7.7 % from evt_a1 in the same batch
    ],
  ]);
  assert.deepEqual(
    delivered.map((item) => item.eventId),
    ['evt_a2'],
  );
});

test('events without a key share one entity in their partition', () => {
  const drop: Condition[] = [{ field: 'apr', operator: 'change_pct', value: -2 }];
  const { delivered } = routeBatches(subscription(drop), [
    [keyed(null, rate('evt_1', 0, '6.50'))],
    [keyed(null, rate('evt_2', 1, '6.00'))],
  ]);
  assert.deepEqual(
    delivered.map((item) => item.eventId),
    ['evt_2'],
  );
});

test('without committed state every entity is new: change_pct does not pass, a cooldown has not started', () => {
  const sub = subscription([{ field: 'apr', operator: 'change_pct', value: -2 }], 60);
  const plan = planBatch(source, [rate('evt_1', 0, '6.50')], MatchIndex.of([sub]), now);
  assert.equal(plan.deliveries.length, 0);
  assert.equal(plan.conditionsNotMet, 1);
  const cooled = subscription([{ field: 'state', operator: 'eq', value: 'CA' }], 60);
  const first = planBatch(source, [rate('evt_2', 0, '6.50')], MatchIndex.of([cooled]), now);
  assert.equal(first.deliveries.length, 1);
  assert.equal(first.cooldownSuppressed, 0);
});
