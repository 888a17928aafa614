import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EventEnvelope } from './envelope.js';
import { type PayloadFormat, webhookBody } from './webhook-body.js';

const event: EventEnvelope = {
  id: 'evt_01JDQ3X1Y2Z3A4B5C6D7E8F9G0',
  type: 'card.created',
  tenantId: 'ten_01JDQ3X1Y2Z3A4B5C6D7E8F9G0',
  accountId: 'acc_01JDQ3X1Y2Z3A4B5C6D7E8F9G0',
  occurredAt: '2023-01-19T00:13:51.000Z',
  data: { last4: '4242' },
};

const cases: Array<[format: PayloadFormat, options: { test?: boolean }, expected: string]> = [
  [
    'standard',
    {},
    '{"id":"evt_01JDQ3X1Y2Z3A4B5C6D7E8F9G0","type":"card.created","timestamp":"2023-01-19T00:13:51.000Z","accountId":"acc_01JDQ3X1Y2Z3A4B5C6D7E8F9G0","data":{"last4":"4242"}}',
  ],
  [
    'envelope-unix',
    {},
    '{"id":"evt_01JDQ3X1Y2Z3A4B5C6D7E8F9G0","type":"card.created","created":1674087231,"data":{"last4":"4242"}}',
  ],
  [
    'event-data',
    {},
    '{"userId":"acc_01JDQ3X1Y2Z3A4B5C6D7E8F9G0","event":"card.created","data":{"last4":"4242"}}',
  ],
  [
    'event-data',
    { test: true },
    '{"userId":"acc_01JDQ3X1Y2Z3A4B5C6D7E8F9G0","event":"card.created","test":true,"data":{"last4":"4242"}}',
  ],
];

for (const [format, options, expected] of cases) {
  test(`${format}${options.test ? ' (test send)' : ''} body`, () => {
    const body = webhookBody(event, format, options);
    assert.equal(body, expected);
    assert.equal(JSON.stringify(JSON.parse(body)), body, 'round-trip stable');
  });
}

test('standard omits accountId when the event has none; event-data sends userId null', () => {
  const { accountId: _, ...platformEvent } = event;
  assert.equal('accountId' in JSON.parse(webhookBody(platformEvent)), false);
  assert.equal(JSON.parse(webhookBody(platformEvent, 'event-data')).userId, null);
});
