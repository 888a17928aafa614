import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleEvent } from '@hookstream/events';
import { DeliveryTask, HEADERS } from '@hookstream/kafka';
import { subscriptionRecord } from '@hookstream/testkit';
import type { Message } from 'kafkajs';
import { messageIdFor } from './build-delivery-task.js';
import { MatchIndex } from './match-index.js';
import { planBatch, type SourceRecord } from './plan-batch.js';

const now = new Date('2026-11-22T10:00:05.000Z');
const source = { topic: 'p.events', partition: 2 };
const cards = subscriptionRecord({ id: 'sub_cards', tenantId: 'ten_a', eventTypes: ['card.*'] });
const acc2Only = subscriptionRecord({ id: 'sub_acc2', tenantId: 'ten_a', accountIds: ['acc_2'] });
// Built inside each test, so a broken index fails that test instead of the file's import.
const lookup = () => MatchIndex.of([cards, acc2Only]);

const event = (type: 'card.created' | 'order.created', id: string, accountId: string) =>
  Buffer.from(
    JSON.stringify(
      exampleEvent(type, {
        id: id as `evt_${string}`,
        tenantId: 'ten_a',
        accountId: accountId as `acc_${string}`,
      }),
    ),
  );
const record = (offset: number, value: Buffer | null, key: string | null = 'acc_key'): SourceRecord => ({
  key: key === null ? null : Buffer.from(key),
  value,
  offset: String(offset),
  headers: { 'trace-id': 'abc' },
});

/** A planned delivery as "key:eventId→subscriptionId@accountId", the task decoded with its contract. */
const describeDelivery = (message: Message) => {
  const task = DeliveryTask.parse(JSON.parse(String(message.value)));
  return `${String(message.key)}:${task.eventId}→${task.subscriptionId}@${task.accountId ?? 'none'}`;
};
const describeQuarantine = (message: Message) => {
  const headers = message.headers ?? {};
  return `${String(message.key)}:${String(headers[HEADERS.quarantineCode])}@${String(headers[HEADERS.sourceOffset])}`;
};

const cases: Array<{
  name: string;
  records: SourceRecord[];
  deliveries: string[];
  quarantined: string[];
  unmatched: number;
}> = [
  { name: 'an empty batch plans nothing', records: [], deliveries: [], quarantined: [], unmatched: 0 },
  {
    name: 'an event fans out to every matching subscription, carrying its account',
    records: [record(10, event('card.created', 'evt_1', 'acc_2'))],
    deliveries: ['acc_key:evt_1→sub_cards@acc_2', 'acc_key:evt_1→sub_acc2@acc_2'],
    quarantined: [],
    unmatched: 0,
  },
  {
    name: 'the account scope filters, the type filter too',
    records: [
      record(10, event('card.created', 'evt_1', 'acc_1')),
      record(11, event('order.created', 'evt_2', 'acc_1')),
    ],
    deliveries: ['acc_key:evt_1→sub_cards@acc_1'],
    quarantined: [],
    unmatched: 1,
  },
  {
    name: 'bad records are quarantined with their code and offset, good ones around them still fan out',
    records: [
      record(20, Buffer.from('{nope')),
      record(21, event('order.created', 'evt_3', 'acc_2')),
      record(22, null),
    ],
    deliveries: ['acc_key:evt_3→sub_acc2@acc_2'],
    quarantined: ['acc_key:invalid_json@20', 'acc_key:empty@22'],
    unmatched: 0,
  },
  {
    name: 'an event without a key is keyed by subscription, so its tasks still spread',
    records: [record(30, event('order.created', 'evt_4', 'acc_2'), null)],
    deliveries: ['sub_acc2:evt_4→sub_acc2@acc_2'],
    quarantined: [],
    unmatched: 0,
  },
];

for (const { name, records, deliveries, quarantined, unmatched } of cases) {
  test(name, () => {
    const plan = planBatch(source, records, lookup(), now);
    assert.deepEqual(plan.deliveries.map(describeDelivery), deliveries);
    assert.deepEqual(plan.quarantined.map(describeQuarantine), quarantined);
    assert.equal(plan.unmatched, unmatched);
    assert.equal(plan.quarantineCodes.length, quarantined.length);
  });
}

test('a quarantined record keeps its bytes, key and own headers, and says where it came from', () => {
  const plan = planBatch(source, [record(7, Buffer.from('not json'))], lookup(), now);
  const [message] = plan.quarantined;
  assert.ok(message);
  assert.equal(String(message.value), 'not json');
  assert.equal(String(message.key), 'acc_key');
  const headers = message.headers ?? {};
  assert.equal(headers['trace-id'], 'abc');
  assert.equal(headers[HEADERS.sourceTopic], 'p.events');
  assert.equal(headers[HEADERS.sourcePartition], '2');
  assert.equal(headers[HEADERS.sourceOffset], '7');
  assert.ok(String(headers[HEADERS.quarantineReason]).length > 0, 'a reason in words');
  assert.deepEqual(plan.quarantineCodes, ['invalid_json']);
});

test('a planned task is a first attempt for the event’s tenant and account, due now, with a derived id and the event’s occurredAt', () => {
  const plan = planBatch(source, [record(1, event('order.created', 'evt_9', 'acc_2'))], lookup(), now);
  const task = DeliveryTask.parse(JSON.parse(String(plan.deliveries[0]?.value)));
  assert.deepEqual(
    {
      tenantId: task.tenantId,
      accountId: task.accountId,
      attempt: task.attempt,
      notBefore: task.notBefore,
      createdAt: task.createdAt,
      occurredAt: task.occurredAt,
      messageId: task.messageId,
    },
    {
      tenantId: 'ten_a',
      accountId: 'acc_2',
      attempt: 1,
      notBefore: null,
      createdAt: now.toISOString(),
      occurredAt: '2026-11-22T10:00:00.000Z',
      messageId: messageIdFor('evt_9', 'sub_acc2'),
    },
  );
});

test('each record’s trace headers go on all of its delivery tasks, and only on them', () => {
  const records = [
    record(20, event('card.created', 'evt_t1', 'acc_2')),
    record(21, Buffer.from('not json')),
    record(22, event('card.created', 'evt_t2', 'acc_1')),
  ];
  const plan = planBatch(source, records, lookup(), now, undefined, (one) => ({
    traceparent: `tp-${one.offset}`,
  }));
  assert.deepEqual(
    plan.deliveries.map(
      (message) =>
        `${DeliveryTask.parse(JSON.parse(String(message.value))).eventId}:${String(message.headers?.traceparent)}`,
    ),
    ['evt_t1:tp-20', 'evt_t1:tp-20', 'evt_t2:tp-22'],
  );
  // A quarantined record keeps its own headers (the producer's traceparent, if any).
  assert.equal(plan.quarantined[0]?.headers?.traceparent, undefined);
});

test('every task carries the view position it was matched at, and a plan without one carries none', () => {
  const records = [
    record(30, event('card.created', 'evt_v1', 'acc_2')),
    record(31, event('order.created', 'evt_v2', 'acc_2')),
  ];
  const decoded = (plan: ReturnType<typeof planBatch>) =>
    plan.deliveries.map((message) => DeliveryTask.parse(JSON.parse(String(message.value))).viewPosition);
  const position = { '0': 42, '2': 7 };
  const withPosition = planBatch(source, records, lookup(), now, undefined, undefined, position);
  assert.deepEqual(decoded(withPosition), [position, position, position]);
  const without = planBatch(source, records, lookup(), now);
  assert.deepEqual(decoded(without), [undefined, undefined, undefined]);
});
