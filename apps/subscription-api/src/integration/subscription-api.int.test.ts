import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createKafkaClient, resolveTopics, SubscriptionRecord } from '@hookstream/kafka';
import {
  createTestDatabase,
  deleteTestTopics,
  freePort,
  jsonRequest,
  readTopic,
  type ServiceProcess,
  startService,
  type TestDatabase,
  testBrokers,
  uniqueTopicPrefix,
} from '@hookstream/testkit';
import pg from 'pg';
import { createTenantWithKey } from '../tenants/create-tenant.js';
import { openPublished } from './api-harness.js';

let api: ServiceProcess;
let database: TestDatabase;
let baseUrl: string;
let apiKey: string;
let tenantId: string;
let prefix: string;

const call = (method: string, path: string, body?: unknown, key: string | null = apiKey) =>
  jsonRequest(`${baseUrl}${path}`, { method, apiKey: key, body });

const validBody = { url: 'https://hooks.example.com/in', eventTypes: ['card.*'] };

before(async () => {
  database = await createTestDatabase('api');
  prefix = uniqueTopicPrefix('api');
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = await startService({
    name: 'subscription-api',
    entry: 'apps/subscription-api/dist/main.js',
    env: {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      HOOKSTREAM_TOPIC_PREFIX: prefix,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      // Requests go back to back with one key; the rate limit has its own test.
      RATE_LIMIT_PER_SECOND: '10000',
      RATE_LIMIT_BURST: '10000',
    },
    readyUrl: `${baseUrl}/health/ready`,
  });
  // The service migrated the database at start; the admin use case creates the tenant.
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  const tenant = await createTenantWithKey(pool, 'api-test');
  await pool.end();
  apiKey = tenant.apiKey;
  tenantId = tenant.tenantId;
});

after(async () => {
  assert.equal(await api?.stop(), 0, 'clean shutdown');
  await database?.drop();
  await deleteTestTopics(prefix);
});

describe('creating and reading subscriptions', () => {
  test('create returns the secret once; get and list never do; the record reaches the compacted topic', async () => {
    const created = await call('POST', '/v1/subscriptions', {
      ...validBody,
      description: 'cards',
      accountIds: ['acc_1'],
    });
    assert.equal(created.status, 201);
    const id = String(created.json.id);
    assert.match(id, /^sub_/);
    assert.match(String(created.json.secret), /^whsec_/);
    assert.equal(created.json.signatureScheme, 'standard-webhooks');
    assert.equal(created.json.enabled, true);
    assert.match(String(created.json.secretHint), /^\*{4}.{4}$/);

    const fetched = await call('GET', `/v1/subscriptions/${id}`);
    assert.equal(fetched.status, 200);
    assert.equal(fetched.json.secret, undefined, 'the secret is shown only at creation');
    assert.deepEqual(fetched.json.accountIds, ['acc_1']);

    // The 201 waited for the outbox relay: the record is already in Kafka.
    const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'api-test' });
    const [published] = await readTopic(kafka, resolveTopics(prefix).subscriptions, 1, {
      timeoutMs: 5_000,
      where: (entry) => entry.key === id,
    });
    const record = openPublished(SubscriptionRecord.parse(JSON.parse(published?.value ?? 'null')));
    assert.equal(record.tenantId, tenantId);
    assert.equal(record.secrets[0]?.value, created.json.secret);
  });

  test('list pages through subscriptions in creation order with a cursor', async () => {
    const other = await createTestTenantKey();
    for (let i = 0; i < 3; i += 1) await call('POST', '/v1/subscriptions', validBody, other);
    const first = await call('GET', '/v1/subscriptions?limit=2', undefined, other);
    assert.equal(first.status, 200);
    assert.equal((first.json.data as unknown[]).length, 2);
    assert.equal(typeof first.json.nextCursor, 'string');
    const second = await call(
      'GET',
      `/v1/subscriptions?limit=2&cursor=${String(first.json.nextCursor)}`,
      undefined,
      other,
    );
    assert.equal((second.json.data as unknown[]).length, 1);
    assert.equal(second.json.nextCursor, null);
    const ids = [
      ...(first.json.data as Array<{ id: string }>),
      ...(second.json.data as Array<{ id: string }>),
    ].map((s) => s.id);
    assert.deepEqual(ids, [...ids].sort(), 'creation order');
    assert.equal(new Set(ids).size, 3);
  });

  test('the event catalog lists every type with its JSON Schema', async () => {
    const catalog = await call('GET', '/v1/event-types');
    const types = catalog.json.data as Array<{ type: string; schema: { $schema?: string } }>;
    // The 23 domain types and the operational subscription.disabled.
    assert.equal(types.length, 24);
    assert.ok(types.some((entry) => entry.type === 'rate.changed'));
    assert.ok(types.some((entry) => entry.type === 'subscription.disabled'));
    assert.ok(types.every((entry) => typeof entry.schema === 'object'));
  });
});

describe('bad requests get problem+json naming the field', () => {
  const cases: Array<[name: string, body: unknown, fields: string[]]> = [
    ['an empty body', {}, ['eventTypes', 'url']],
    ['a non-http URL', { ...validBody, url: 'ftp://x.example.com' }, ['url']],
    ['an empty event type list', { ...validBody, eventTypes: [] }, ['eventTypes']],
    ['a malformed pattern', { ...validBody, eventTypes: ['card.*.x'] }, ['eventTypes.0']],
    ['a pattern matching no type', { ...validBody, eventTypes: ['cards.*'] }, ['eventTypes.0']],
    ['an unknown field', { ...validBody, colour: 'red' }, ['colour']],
    ['an unknown scheme', { ...validBody, signatureScheme: 'md5' }, ['signatureScheme']],
    ['a bad standard-webhooks secret', { ...validBody, secret: 'not-a-whsec-secret-at-all' }, ['secret']],
    // Looks like whsec_ + base64 but is not padded base64: the signer would refuse it.
    ['a secret the signer cannot use', { ...validBody, secret: `whsec_${'A'.repeat(33)}` }, ['secret']],
    ['a malformed account id', { ...validBody, accountIds: ['user_1'] }, ['accountIds.0']],
  ];
  for (const [name, body, fields] of cases) {
    test(name, async () => {
      const response = await call('POST', '/v1/subscriptions', body);
      assert.equal(response.status, 400);
      assert.match(response.contentType, /^application\/problem\+json/);
      assert.equal(response.json.status, 400);
      const named = (response.json.errors as Array<{ field: string }>).map((error) => error.field).sort();
      assert.deepEqual(named, fields);
    });
  }

  test('a partner scheme accepts a partner-provided secret such as a UUID', async () => {
    const response = await call('POST', '/v1/subscriptions', {
      ...validBody,
      signatureScheme: 'hmac-sha512-timestamp-hex',
      secret: '0f8fad5b-d9cb-469f-a165-70867728950e',
    });
    assert.equal(response.status, 201);
  });

  test('malformed JSON is a 400 problem, not a crash', async () => {
    const response = await call('POST', '/v1/subscriptions', '{"url": ');
    assert.equal(response.status, 400);
    assert.match(response.contentType, /^application\/problem\+json/);
  });

  test('a bad query parameter is named', async () => {
    const response = await call('GET', '/v1/subscriptions?limit=0');
    assert.equal(response.status, 400);
    assert.deepEqual(
      (response.json.errors as Array<{ field: string }>).map((error) => error.field),
      ['limit'],
    );
  });

  test('401 without or with a wrong key, 404 for an unknown id or route', async () => {
    assert.equal((await call('GET', '/v1/subscriptions', undefined, null)).status, 401);
    assert.equal((await call('GET', '/v1/subscriptions', undefined, 'hsk_wrong')).status, 401);
    const missing = await call('GET', '/v1/subscriptions/sub_doesnotexist');
    assert.equal(missing.status, 404);
    assert.match(missing.contentType, /^application\/problem\+json/);
    assert.equal((await call('GET', '/v1/nothing-here')).status, 404);
  });

  test('metrics count requests by route template', async () => {
    const metrics = await (await fetch(`${baseUrl}/metrics`)).text();
    assert.match(
      metrics,
      /hookstream_api_http_requests_total\{[^}]*route="\/v1\/subscriptions\/:id"[^}]*status="404"/,
    );
    assert.match(metrics, /hookstream_api_outbox_published_total\{[^}]*\} [1-9]/);
  });
});

async function createTestTenantKey(): Promise<string> {
  const pool = new pg.Pool({ connectionString: database.url, max: 1 });
  try {
    return (await createTenantWithKey(pool, 'pager')).apiKey;
  } finally {
    await pool.end();
  }
}
