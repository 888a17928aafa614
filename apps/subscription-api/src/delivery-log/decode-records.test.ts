import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HEADERS } from '@hookstream/kafka';
import { deliveryTaskFixture } from '@hookstream/kafka/testing';
import { decodeAttempt, decodeDeadLetter } from './decode-records.js';
import { redrivenTask } from './redrive-dead-letters.use-case.js';

const attempt = {
  id: 'atm_1',
  messageId: 'msg_1',
  eventId: 'evt_1',
  eventType: 'card.created',
  tenantId: 'ten_1',
  subscriptionId: 'sub_1',
  attempt: 1,
  url: null,
  startedAt: '2026-11-20T10:00:00.000Z',
  durationMs: 0,
  outcome: 'delivered',
  statusCode: null,
  error: null,
  responseBody: null,
  nextAttemptAt: null,
};
const task = deliveryTaskFixture({
  attempt: 4,
  createdAt: '2026-11-20T10:00:00.000Z',
  notBefore: '2026-11-20T11:00:00.000Z',
});
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('decodeAttempt', () => {
  const cases: Array<[string, Buffer | null, boolean]> = [
    ['a known outcome', json(attempt), true],
    [
      'an outcome added by a newer worker (stored as it is)',
      json({ ...attempt, outcome: 'circuit_open' }),
      true,
    ],
    ['an empty outcome', json({ ...attempt, outcome: '' }), false],
    ['an id without its prefix', json({ ...attempt, id: '1' }), false],
    ['not JSON', Buffer.from('{'), false],
    ['no value', null, false],
  ];
  for (const [name, value, ok] of cases) test(name, () => assert.equal(decodeAttempt(value).ok, ok));
});

describe('decodeDeadLetter', () => {
  test('a task with its reason header and the record time', () => {
    const decoded = decodeDeadLetter({
      partition: 0,
      offset: '7',
      key: Buffer.from('acc_1'),
      value: json(task),
      timestamp: String(Date.parse('2026-11-20T12:00:00.000Z')),
      headers: { [HEADERS.deadLetterReason]: Buffer.from('HTTP 410 Gone') },
    });
    assert.ok(decoded.ok);
    assert.equal(decoded.value.reason, 'HTTP 410 Gone');
    assert.equal(decoded.value.deadLetteredAt, '2026-11-20T12:00:00.000Z');
    assert.equal(decoded.value.key, 'acc_1');
  });
  test('a record that is not a task is not indexed', () => {
    const decoded = decodeDeadLetter({
      partition: 0,
      offset: '8',
      key: null,
      value: Buffer.from('x'),
      timestamp: '0',
    });
    assert.equal(decoded.ok, false);
  });
});

describe('redrivenTask', () => {
  test('keeps the webhook-id and body, starts again at attempt 1, due now', () => {
    const decoded = decodeDeadLetter({
      partition: 0,
      offset: '1',
      key: null,
      value: json(task),
      timestamp: '1',
    });
    assert.ok(decoded.ok);
    const again = redrivenTask(decoded.value.task);
    assert.deepEqual(again, { ...decoded.value.task, attempt: 1, notBefore: null });
  });
});
