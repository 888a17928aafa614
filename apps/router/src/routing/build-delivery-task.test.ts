import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventEnvelope } from '@hookstream/events';
import { DeliveryTask } from '@hookstream/kafka';
import { buildDeliveryTask, messageIdFor, payloadsFor, webhookPayload } from './build-delivery-task.js';

const event: EventEnvelope = {
  id: 'evt_01',
  type: 'card.created',
  tenantId: 'ten_a',
  accountId: 'acc_1',
  occurredAt: '2026-11-22T10:00:00.000Z',
  data: { amount: 1.5, note: 'héllo "q"', nested: { list: [1, 2] } },
};

test('the webhook-id is derived from event and subscription, so reprocessing repeats it', () => {
  assert.equal(messageIdFor('evt_01', 'sub_1'), messageIdFor('evt_01', 'sub_1'));
  assert.notEqual(messageIdFor('evt_01', 'sub_1'), messageIdFor('evt_01', 'sub_2'));
  assert.notEqual(messageIdFor('evt_01', 'sub_1'), messageIdFor('evt_02', 'sub_1'));
  assert.match(messageIdFor('evt_01', 'sub_1'), /^msg_[A-Za-z0-9_-]{24}$/);
});

test('the payload is compact JSON in the Standard Webhooks shape that survives a parse/stringify round trip', () => {
  const payload = webhookPayload(event);
  assert.deepEqual(JSON.parse(payload), {
    id: 'evt_01',
    type: 'card.created',
    timestamp: '2026-11-22T10:00:00.000Z',
    accountId: 'acc_1',
    data: event.data,
  });
  assert.equal(JSON.stringify(JSON.parse(payload)), payload);
  assert.ok(!payload.includes('tenantId'), 'the tenant id is internal');
});

test('an event about no account has no accountId in the payload', () => {
  const { accountId: _omit, ...withoutAccount } = event;
  assert.equal('accountId' in JSON.parse(webhookPayload(withoutAccount)), false);
});

test('a built task satisfies the delivery-task contract and starts at attempt 1', () => {
  const now = new Date('2026-11-22T10:00:01.000Z');
  const task = buildDeliveryTask(event, 'sub_1', webhookPayload(event), now);
  assert.equal(DeliveryTask.safeParse(task).success, true);
  assert.equal(task.attempt, 1);
  assert.equal(task.notBefore, null);
  assert.equal(task.createdAt, now.toISOString());
});

test('each payload format gives its documented shape', () => {
  const cases: Array<
    [format: 'standard' | 'envelope-unix' | 'event-data', expected: Record<string, unknown>]
  > = [
    [
      'standard',
      {
        id: 'evt_01',
        type: 'card.created',
        timestamp: '2026-11-22T10:00:00.000Z',
        accountId: 'acc_1',
        data: event.data,
      },
    ],
    ['envelope-unix', { id: 'evt_01', type: 'card.created', created: 1795341600, data: event.data }],
    ['event-data', { userId: 'acc_1', event: 'card.created', data: event.data }],
  ];
  for (const [format, expected] of cases) {
    const payload = payloadsFor(event)(format);
    assert.deepEqual(JSON.parse(payload), expected, format);
    assert.equal(JSON.stringify(JSON.parse(payload)), payload, `${format} round-trips`);
  }
});

test('one event built for subscriptions of different formats gives each its own format', () => {
  const payloadIn = payloadsFor(event);
  const expected = (format: 'standard' | 'envelope-unix' | 'event-data') => payloadsFor(event)(format);
  // One builder per event, asked in turn as subscriptions of each format match.
  assert.equal(payloadIn('standard'), expected('standard'));
  assert.equal(payloadIn('envelope-unix'), expected('envelope-unix'));
  assert.equal(payloadIn('event-data'), expected('event-data'));
  assert.equal(payloadIn(undefined), expected('standard'), 'no format is the standard one');
  assert.notEqual(expected('envelope-unix'), expected('standard'));
});
