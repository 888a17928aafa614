import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createKafkaClient, resolveTopics, SubscriptionRecord } from '@hookstream/kafka';
import { readTopic, testBrokers } from '@hookstream/testkit';
import { type ApiUnderTest, startApi } from './api-harness.js';

let api: ApiUnderTest;
let apiKey: string;

before(async () => {
  api = await startApi('conditions');
  ({ apiKey } = await api.newTenant('conditions-test'));
});

after(async () => {
  assert.equal(await api?.stop(), 0, 'clean shutdown');
});

const call = (method: string, path: string, body?: unknown) => api.call(method, path, body, apiKey);

/** The partner's documented monitor: California 30-year fixed APR below 6.25 %, at most hourly. */
const monitor = {
  url: 'https://rates.example.com/hook',
  eventTypes: ['rate.changed'],
  conditions: [
    { field: 'state', operator: 'eq', value: 'CA' },
    { field: 'productType', operator: 'eq', value: 'mortgage_30y_fixed' },
    { field: 'apr', operator: 'lt', value: 6.25 },
    { field: 'rate', operator: 'change_pct', value: -2.0 },
  ],
  cooldownMinutes: 60,
};

test('conditions and cooldown are stored, shown, published on the record, and changed by PATCH', async () => {
  const created = await call('POST', '/v1/subscriptions', monitor);
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const id = String(created.json.id);
  assert.deepEqual(created.json.conditions, monitor.conditions);
  assert.equal(created.json.cooldownMinutes, 60);

  const fetched = await call('GET', `/v1/subscriptions/${id}`);
  assert.deepEqual(fetched.json.conditions, monitor.conditions);
  assert.equal(fetched.json.cooldownMinutes, 60);

  const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'conditions-test' });
  const [published] = await readTopic(kafka, resolveTopics(api.prefix).subscriptions, 1, {
    timeoutMs: 5_000,
    where: (entry) => entry.key === id,
  });
  const record = SubscriptionRecord.parse(JSON.parse(published?.value ?? 'null'));
  assert.deepEqual(record.conditions, monitor.conditions);
  assert.equal(record.cooldownMinutes, 60);

  const patched = await call('PATCH', `/v1/subscriptions/${id}`, { conditions: null, cooldownMinutes: 0 });
  assert.equal(patched.status, 200);
  assert.deepEqual(patched.json.conditions, []);
  assert.equal(patched.json.cooldownMinutes, 0);

  const plain = await call('POST', '/v1/subscriptions', { url: monitor.url, eventTypes: ['card.*'] });
  assert.deepEqual(plain.json.conditions, [], 'none by default');
  assert.equal(plain.json.cooldownMinutes, 0);
});

/** Each bad body and the fields its 400 must name. */
const badBodies: Array<[name: string, change: Record<string, unknown>, fields: string[]]> = [
  [
    'an unknown operator',
    { conditions: [{ field: 'apr', operator: 'below', value: 6 }] },
    ['conditions.0.operator'],
  ],
  [
    '`in` without an array',
    {
      conditions: [
        { field: 'state', operator: 'eq', value: 'CA' },
        { field: 'state', operator: 'in', value: 'CA' },
      ],
    },
    ['conditions.1.value'],
  ],
  [
    '`change_pct` with a string',
    { conditions: [{ field: 'rate', operator: 'change_pct', value: '-2' }] },
    ['conditions.0.value'],
  ],
  [
    'a path with an empty segment',
    { conditions: [{ field: 'apr.', operator: 'exists', value: true }] },
    ['conditions.0.field'],
  ],
  [
    'more than 20 conditions',
    { conditions: Array.from({ length: 21 }, () => ({ field: 'apr', operator: 'exists', value: true })) },
    ['conditions.20'],
  ],
  [
    'a field rate.changed does not have',
    {
      conditions: [
        { field: 'state', operator: 'eq', value: 'CA' },
        { field: 'aprPercent', operator: 'lt', value: 6 },
      ],
    },
    ['conditions.1.field'],
  ],
  ['a negative cooldown', { cooldownMinutes: -1 }, ['cooldownMinutes']],
];

for (const [name, change, fields] of badBodies) {
  test(`400 naming the condition: ${name}`, async () => {
    const response = await call('POST', '/v1/subscriptions', { ...monitor, ...change });
    assert.equal(response.status, 400);
    assert.match(response.contentType, /application\/problem\+json/);
    const errors = response.json.errors as Array<{ field: string; message: string }>;
    assert.deepEqual(
      errors.map((error) => error.field),
      fields,
    );
    assert.ok(errors.every((error) => error.message.length > 0));
  });
}

test('a PATCH to event types without the conditions’ fields is a 400 naming the condition', async () => {
  const created = await call('POST', '/v1/subscriptions', monitor);
  const response = await call('PATCH', `/v1/subscriptions/${String(created.json.id)}`, {
    eventTypes: ['card.*'],
  });
  assert.equal(response.status, 400);
  const errors = response.json.errors as Array<{ field: string }>;
  assert.ok(
    errors.some((error) => error.field === 'conditions.2.field'),
    JSON.stringify(errors),
  );
});
