import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createKafkaClient, deliveryRequestFor, resolveTopics, SubscriptionRecord } from '@hookstream/kafka';
import { createSigner, verifyWebhook } from '@hookstream/signatures';
import { freePort, readTopic, startReceiver, testBrokers } from '@hookstream/testkit';
import pg from 'pg';
import { type ApiUnderTest, openPublished, startApi } from './api-harness.js';

// Changing and deleting subscriptions: every change reaches the compacted topic before the
// answer, in order, and the outbox keeps nothing once published.

let api: ApiUnderTest;
let key: string;
let otherKey: string;

const valid = { url: 'https://hooks.example.com/in', eventTypes: ['card.*'] };
const partnerSecret = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** Every record of the subscriptions topic with this key, in order (null value = tombstone). */
async function recordsOf(id: string, count: number) {
  const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'api-lifecycle-test' });
  const records = await readTopic(kafka, resolveTopics(api.prefix).subscriptions, count, {
    timeoutMs: 10_000,
    where: (record) => record.key === id,
  });
  return records.map((record) =>
    record.value === null ? null : openPublished(SubscriptionRecord.parse(JSON.parse(record.value))),
  );
}

before(async () => {
  api = await startApi('lifecycle', { MAX_SUBSCRIPTIONS_PER_TENANT: '20' });
  key = (await api.newTenant('lifecycle')).apiKey;
  otherKey = (await api.newTenant('other')).apiKey;
});

after(async () => {
  assert.equal(await api?.stop(), 0, 'clean shutdown');
});

describe('PATCH and DELETE', () => {
  test('a PATCH changes only the fields sent, bumps the version and is on the topic before the 200', async () => {
    const created = await api.call('POST', '/v1/subscriptions', { ...valid, name: 'first' }, key);
    assert.equal(created.status, 201);
    const id = String(created.json.id);

    const patched = await api.call(
      'PATCH',
      `/v1/subscriptions/${id}`,
      { enabled: false, name: 'renamed', payloadFormat: 'event-data', timeoutMs: 2_000 },
      key,
    );
    assert.equal(patched.status, 200, JSON.stringify(patched.json));
    assert.equal(patched.json.enabled, false);
    assert.equal(patched.json.name, 'renamed');
    assert.equal(patched.json.url, valid.url, 'unchanged');
    assert.equal(patched.json.secret, undefined, 'the secret is not shown again');

    const [first, second] = await recordsOf(id, 2);
    assert.equal(first?.version, 1);
    assert.equal(second?.version, 2);
    assert.equal(second?.enabled, false);
    assert.equal(second?.payloadFormat, 'event-data');
    assert.equal(second?.timeoutMs, 2_000);
    assert.deepEqual(second?.secrets, first?.secrets, 'the secret is kept');

    const fetched = await api.call('GET', `/v1/subscriptions/${id}`, undefined, key);
    assert.equal(fetched.json.name, 'renamed');
  });

  test('a DELETE answers 204, publishes a tombstone, and the id is gone', async () => {
    const id = String((await api.call('POST', '/v1/subscriptions', valid, key)).json.id);
    const deleted = await api.call('DELETE', `/v1/subscriptions/${id}`, undefined, key);
    assert.equal(deleted.status, 204);
    const records = await recordsOf(id, 2);
    assert.equal(records[1], null, 'tombstone');
    assert.equal((await api.call('GET', `/v1/subscriptions/${id}`, undefined, key)).status, 404);
    assert.equal((await api.call('DELETE', `/v1/subscriptions/${id}`, undefined, key)).status, 404);
  });

  test("another tenant's id is a 404 for GET, PATCH and DELETE, and nothing changes", async () => {
    const id = String((await api.call('POST', '/v1/subscriptions', valid, key)).json.id);
    assert.equal((await api.call('GET', `/v1/subscriptions/${id}`, undefined, otherKey)).status, 404);
    assert.equal(
      (await api.call('PATCH', `/v1/subscriptions/${id}`, { enabled: false }, otherKey)).status,
      404,
    );
    assert.equal((await api.call('DELETE', `/v1/subscriptions/${id}`, undefined, otherKey)).status, 404);
    const still = await api.call('GET', `/v1/subscriptions/${id}`, undefined, key);
    assert.equal(still.json.enabled, true);
    await api.call('DELETE', `/v1/subscriptions/${id}`, undefined, key);
  });

  test('published outbox rows are deleted (they hold secrets)', async () => {
    const pool = new pg.Pool({ connectionString: api.database.url, max: 1 });
    try {
      const left = await pool.query('SELECT count(*)::int AS n FROM outbox');
      assert.equal(left.rows[0]?.n, 0);
    } finally {
      await pool.end();
    }
  });
});

describe('delivery settings and profiles', () => {
  test('a profile fills the scheme, header names and body shape; explicit fields win', async () => {
    const created = await api.call(
      'POST',
      '/v1/subscriptions',
      {
        ...valid,
        profile: 'kyc',
        payloadFormat: 'standard',
        secret: partnerSecret,
        headers: { 'X-Api-Key': 'k-1234567890abcd' },
      },
      otherKey,
    );
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.equal(created.json.signatureScheme, 'hmac-sha256-hex');
    assert.equal(created.json.payloadFormat, 'standard', 'the explicit field wins');
    assert.deepEqual(created.json.headers, { 'X-Api-Key': '****abcd' }, 'header values are masked');
    const [record] = await recordsOf(String(created.json.id), 1);
    assert.deepEqual(record?.headers, { 'X-Api-Key': 'k-1234567890abcd' }, 'the worker gets the value');
    assert.equal(record?.signatureHeaders?.signature, 'X-Webhook-Signature');
  });

  const refused: Array<[name: string, body: Record<string, unknown>, field: string]> = [
    [
      'a header value over 512 characters',
      { headers: { Authorization: 'a'.repeat(513) } },
      'headers.Authorization',
    ],
    [
      'a header value with a line break',
      { headers: { Authorization: 'a\r\nX-Evil: 1' } },
      'headers.Authorization',
    ],
    [
      'a header that would replace framing',
      { headers: { 'Content-Type': 'text/plain' } },
      'headers.Content-Type',
    ],
    ['renamed standard-webhooks headers', { signatureHeaders: { signature: 'x-sig' } }, 'signatureHeaders'],
    ['a timeout under 1 s', { timeoutMs: 999 }, 'timeoutMs'],
    ['a timeout over 30 s', { timeoutMs: 30_001 }, 'timeoutMs'],
    ['an unknown payload format', { payloadFormat: 'xml' }, 'payloadFormat'],
    ['an unknown profile', { profile: 'acme' }, 'profile'],
    ['a name over 200 characters', { name: 'n'.repeat(201) }, 'name'],
    [
      'a partner secret with standard-webhooks',
      { signatureScheme: 'standard-webhooks', secret: partnerSecret },
      'secret',
    ],
  ];
  for (const [name, extra, field] of refused) {
    test(`400 for ${name}`, async () => {
      const response = await api.call('POST', '/v1/subscriptions', { ...valid, ...extra }, otherKey);
      assert.equal(response.status, 400);
      const fields = (response.json.errors as Array<{ field: string }>).map((error) => error.field);
      assert.ok(fields.includes(field), `${field} in ${JSON.stringify(fields)}`);
    });
  }
});

describe('event-type patterns and account scope', () => {
  test('card* and *.created are accepted and published as given', async () => {
    const created = await api.call(
      'POST',
      '/v1/subscriptions',
      { ...valid, eventTypes: ['card*', '*.created'] },
      otherKey,
    );
    assert.equal(created.status, 201, JSON.stringify(created.json));
    assert.deepEqual(created.json.eventTypes, ['card*', '*.created']);
  });

  const refused: Array<[name: string, body: Record<string, unknown>, field: string]> = [
    [
      'account.created with accountIds',
      { eventTypes: ['card.*', 'account.created'], accountIds: ['acc_1'] },
      'eventTypes.1',
    ],
    ['rate.* with accountIds', { eventTypes: ['rate.*'], accountIds: ['acc_1'] }, 'eventTypes.0'],
    ['a prefix matching nothing', { eventTypes: ['cardz*'] }, 'eventTypes.0'],
    ['a suffix matching nothing', { eventTypes: ['*.exploded'] }, 'eventTypes.0'],
  ];
  for (const [name, extra, field] of refused) {
    test(`400 for ${name}`, async () => {
      const response = await api.call('POST', '/v1/subscriptions', { ...valid, ...extra }, otherKey);
      assert.equal(response.status, 400);
      const errors = response.json.errors as Array<{ field: string; message: string }>;
      assert.deepEqual(
        errors.map((error) => error.field),
        [field],
      );
    });
  }

  test('platform-level types stay allowed without accountIds, and a PATCH adding accountIds is checked too', async () => {
    const created = await api.call(
      'POST',
      '/v1/subscriptions',
      { ...valid, eventTypes: ['rate.changed'] },
      otherKey,
    );
    assert.equal(created.status, 201);
    const scoped = await api.call(
      'PATCH',
      `/v1/subscriptions/${String(created.json.id)}`,
      { accountIds: ['acc_1'] },
      otherKey,
    );
    assert.equal(scoped.status, 400);
    assert.match(String(scoped.json.detail), /platform-level/);
  });
});

describe('limits', () => {
  test('a tenant cannot have more subscriptions than the configured limit', async () => {
    const tenant = (await api.newTenant('limited')).apiKey;
    for (let i = 0; i < 20; i += 1)
      assert.equal((await api.call('POST', '/v1/subscriptions', valid, tenant)).status, 201);
    const over = await api.call('POST', '/v1/subscriptions', valid, tenant);
    assert.equal(over.status, 409);
    assert.equal(over.json.type, 'https://hookstream.dev/problems/subscription-limit');
  });
});

describe('secrets', () => {
  test('rotation: the new secret is shown, both sign during the overlap, and it is published before the 200', async () => {
    const created = await api.call('POST', '/v1/subscriptions', valid, key);
    const id = String(created.json.id);
    const oldSecret = String(created.json.secret);
    const rotated = await api.call(
      'POST',
      `/v1/subscriptions/${id}/secret/rotate`,
      { overlapSeconds: 3_600 },
      key,
    );
    assert.equal(rotated.status, 200, JSON.stringify(rotated.json));
    const newSecret = String(rotated.json.secret);
    assert.match(newSecret, /^whsec_/);
    assert.notEqual(newSecret, oldSecret);
    const expires = Date.parse(String(rotated.json.previousSecretExpiresAt));
    assert.ok(
      Math.abs(expires - (Date.now() + 3_600_000)) < 60_000,
      'the old secret expires after the overlap',
    );

    const [, record] = await recordsOf(id, 2);
    assert.ok(record);
    // Sign as the worker does, and verify with each secret alone: both must pass.
    const request = deliveryRequestFor(
      record,
      { messageId: 'msg_rotation', eventId: 'evt_rotation', payload: '{"a":1}' },
      { signer: createSigner(), now: new Date(), userAgent: 'test', defaultTimeoutMs: 10_000 },
    );
    assert.equal(String(request.headers['webhook-signature']).split(' ').length, 2, 'two signatures');
    for (const secret of [oldSecret, newSecret]) {
      assert.equal(verifyWebhook(request.body, request.headers, secret).ok, true);
    }
    assert.equal(
      (await api.call('GET', `/v1/subscriptions/${id}`, undefined, key)).json.secretHint,
      `****${newSecret.slice(-4)}`,
    );
  });

  test('rotation with overlap 0 drops the old secret; a bring-your-own secret must fit the scheme', async () => {
    const created = await api.call(
      'POST',
      '/v1/subscriptions',
      { ...valid, signatureScheme: 'hmac-sha256-hex', secret: partnerSecret },
      key,
    );
    const id = String(created.json.id);
    const misfit = await api.call('POST', `/v1/subscriptions/${id}/secret/rotate`, { secret: 'short' }, key);
    assert.equal(misfit.status, 400);
    const own = 'a-partner-issued-secret-0001';
    const rotated = await api.call(
      'POST',
      `/v1/subscriptions/${id}/secret/rotate`,
      { overlapSeconds: 0, secret: own },
      key,
    );
    assert.equal(rotated.status, 200);
    assert.equal(rotated.json.secret, own);
    const [, record] = await recordsOf(id, 2);
    assert.deepEqual(
      record?.secrets
        .filter((secret) => secret.expiresAt === null || Date.parse(secret.expiresAt) > Date.now())
        .map((secret) => secret.value),
      [own],
    );
  });

  test('at most 10 secrets sign at once; overlap 0 always works', async () => {
    const id = String((await api.call('POST', '/v1/subscriptions', valid, key)).json.id);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1)
      statuses.push((await api.call('POST', `/v1/subscriptions/${id}/secret/rotate`, {}, key)).status);
    assert.deepEqual(statuses, [...Array(9).fill(200), 409]);
    const reset = await api.call('POST', `/v1/subscriptions/${id}/secret/rotate`, { overlapSeconds: 0 }, key);
    assert.equal(reset.status, 200);
  });

  test('GET …/secret: 403 for shown-once (the default), 200 for retrievable; shown-once cannot be switched', async () => {
    const once = String((await api.call('POST', '/v1/subscriptions', valid, key)).json.id);
    const refused = await api.call('GET', `/v1/subscriptions/${once}/secret`, undefined, key);
    assert.equal(refused.status, 403);
    assert.equal(refused.json.type, 'https://hookstream.dev/problems/secret-not-retrievable');
    const switched = await api.call(
      'PATCH',
      `/v1/subscriptions/${once}`,
      { secretPolicy: 'retrievable' },
      key,
    );
    assert.equal(switched.status, 400);

    const readable = await api.call(
      'POST',
      '/v1/subscriptions',
      { ...valid, secretPolicy: 'retrievable' },
      key,
    );
    const id = String(readable.json.id);
    const read = await api.call('GET', `/v1/subscriptions/${id}/secret`, undefined, key);
    assert.equal(read.status, 200);
    assert.equal(read.json.secret, readable.json.secret);
    assert.equal((await api.call('GET', `/v1/subscriptions/${id}/secret`, undefined, otherKey)).status, 404);
  });
});

describe('test send', () => {
  test('a real signed POST with the subscription settings, body marked "test": true', async () => {
    const receiver = await startReceiver(() => ({ status: 202 }));
    try {
      const created = await api.call(
        'POST',
        '/v1/subscriptions',
        {
          ...valid,
          url: `${receiver.url}/kyc`,
          accountIds: ['acc_test1'],
          profile: 'kyc',
          secret: partnerSecret,
          headers: { 'X-Api-Key': 'key-for-the-test' },
        },
        key,
      );
      const id = String(created.json.id);
      const sent = await api.call('POST', `/v1/subscriptions/${id}/test`, { eventType: 'card.created' }, key);
      assert.equal(sent.status, 200, JSON.stringify(sent.json));
      assert.equal(sent.json.delivered, true);
      assert.equal(sent.json.responseCode, 202);
      assert.equal(sent.json.error, null);
      assert.equal(typeof sent.json.responseTimeMs, 'number');

      const [request] = receiver.requests;
      assert.ok(request);
      assert.equal(request.path, '/kyc');
      assert.equal(request.headers['x-webhook-id'], sent.json.webhookId);
      assert.equal(request.headers['x-api-key'], 'key-for-the-test');
      const verified = verifyWebhook(request.rawBody, request.headers, partnerSecret, {
        scheme: 'hmac-sha256-hex',
      });
      assert.equal(verified.ok, true, JSON.stringify(verified));
      const body = JSON.parse(request.rawBody.toString('utf8')) as Record<string, unknown>;
      assert.deepEqual(Object.keys(body), ['id', 'type', 'created', 'test', 'data']);
      assert.equal(body.test, true);
      assert.equal(body.type, 'card.created');
    } finally {
      await receiver.close();
    }
  });

  test('an endpoint that fails, times out or is unreachable is reported, not thrown', async () => {
    const receiver = await startReceiver((request) =>
      request.path === '/slow' ? { status: 200, delayMs: 3_000 } : { status: 500, body: 'boom' },
    );
    try {
      const create = async (path: string, extra: Record<string, unknown> = {}) =>
        String(
          (
            await api.call(
              'POST',
              '/v1/subscriptions',
              { ...valid, url: `${receiver.url}${path}`, ...extra },
              key,
            )
          ).json.id,
        );
      const failing = await api.call(
        'POST',
        `/v1/subscriptions/${await create('/fail')}/test`,
        undefined,
        key,
      );
      assert.equal(failing.status, 200);
      assert.equal(failing.json.delivered, false);
      assert.equal(failing.json.responseCode, 500);
      assert.match(String(failing.json.error), /500/);

      const slow = await api.call(
        'POST',
        `/v1/subscriptions/${await create('/slow', { timeoutMs: 1_000 })}/test`,
        {},
        key,
      );
      assert.equal(slow.json.delivered, false);
      assert.equal(slow.json.responseCode, null);
      assert.match(String(slow.json.error), /1000 ms/);
    } finally {
      await receiver.close();
    }
    const closedPort = await freePort();
    const unreachable = String(
      (
        await api.call(
          'POST',
          '/v1/subscriptions',
          { ...valid, url: `http://127.0.0.1:${closedPort}/x` },
          key,
        )
      ).json.id,
    );
    const refused = await api.call('POST', `/v1/subscriptions/${unreachable}/test`, {}, key);
    assert.equal(refused.json.delivered, false);
    assert.equal(refused.json.responseCode, null);
    assert.match(String(refused.json.error), /ECONNREFUSED/);
  });

  test('the default event type is the first the subscription wants; a platform-level one has no account', async () => {
    const receiver = await startReceiver(() => ({ status: 200 }));
    try {
      const id = String(
        (
          await api.call(
            'POST',
            '/v1/subscriptions',
            { url: `${receiver.url}/rates`, eventTypes: ['rate*'] },
            key,
          )
        ).json.id,
      );
      const sent = await api.call('POST', `/v1/subscriptions/${id}/test`, undefined, key);
      assert.equal(sent.json.delivered, true);
      const body = JSON.parse(receiver.requests[0]?.rawBody.toString('utf8') ?? '{}') as Record<
        string,
        unknown
      >;
      assert.equal(body.type, 'rate.changed');
      assert.equal('accountId' in body, false);
      assert.equal(body.test, true);
    } finally {
      await receiver.close();
    }
  });

  test('an unknown event type is a 400 naming eventType', async () => {
    const id = String((await api.call('POST', '/v1/subscriptions', valid, key)).json.id);
    const response = await api.call(
      'POST',
      `/v1/subscriptions/${id}/test`,
      { eventType: 'card.teleported' },
      key,
    );
    assert.equal(response.status, 400);
    assert.deepEqual(
      (response.json.errors as Array<{ field: string }>).map((error) => error.field),
      ['eventType'],
    );
  });
});

describe('API keys over HTTP', () => {
  test('create shows the key once; list masks it and shows use; revoke makes it a 401', async () => {
    const tenant = (await api.newTenant('keys')).apiKey;
    const created = await api.call('POST', '/v1/api-keys', { name: 'ci' }, tenant);
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const newKey = String(created.json.key);
    assert.match(newKey, /^hsk_[A-Za-z0-9_-]{43}$/);
    assert.match(String(created.json.id), /^key_/);
    assert.deepEqual(created.json.scopes, ['read', 'write']);

    assert.equal(
      (await api.call('GET', '/v1/subscriptions', undefined, newKey)).status,
      200,
      'the new key works',
    );
    const listed = await api.call('GET', '/v1/api-keys', undefined, tenant);
    assert.equal(listed.status, 200);
    const entries = listed.json.data as Array<Record<string, unknown>>;
    assert.equal(entries.length, 2, 'the first key and the new one');
    const entry = entries.find((candidate) => candidate.id === created.json.id);
    assert.equal(entry?.keyHint, `****${newKey.slice(-4)}`);
    assert.equal(entry?.key, undefined, 'never the key');
    assert.equal(typeof entry?.lastUsedAt, 'string', 'the use above is noted');
    assert.equal(entry?.revokedAt, null);
    assert.ok(!JSON.stringify(listed.json).includes(newKey));

    assert.equal(
      (await api.call('DELETE', `/v1/api-keys/${String(created.json.id)}`, undefined, tenant)).status,
      204,
    );
    const refused = await api.call('GET', '/v1/subscriptions', undefined, newKey);
    assert.equal(refused.status, 401);
    const after = (await api.call('GET', '/v1/api-keys', undefined, tenant)).json.data as Array<
      Record<string, unknown>
    >;
    assert.equal(typeof after.find((candidate) => candidate.id === created.json.id)?.revokedAt, 'string');
  });

  test('a read-only key reads but gets a 403 for every write', async () => {
    const tenant = (await api.newTenant('scopes')).apiKey;
    const id = String((await api.call('POST', '/v1/subscriptions', valid, tenant)).json.id);
    const readOnly = String(
      (await api.call('POST', '/v1/api-keys', { name: 'dashboard', scopes: ['read'] }, tenant)).json.key,
    );
    assert.equal((await api.call('GET', `/v1/subscriptions/${id}`, undefined, readOnly)).status, 200);
    const writes: Array<[method: string, path: string, body?: unknown]> = [
      ['POST', '/v1/subscriptions', valid],
      ['PATCH', `/v1/subscriptions/${id}`, { enabled: false }],
      ['DELETE', `/v1/subscriptions/${id}`],
      ['POST', `/v1/subscriptions/${id}/secret/rotate`, {}],
      ['POST', '/v1/api-keys', { name: 'escalate' }],
    ];
    for (const [method, path, body] of writes) {
      const response = await api.call(method, path, body, readOnly);
      assert.equal(response.status, 403, `${method} ${path}`);
      assert.equal(response.json.type, 'https://hookstream.dev/problems/insufficient-scope');
    }
    assert.equal(
      (await api.call('GET', `/v1/subscriptions/${id}`, undefined, tenant)).json.enabled,
      true,
      'nothing changed',
    );
  });

  test("bad key requests are named; another tenant's key id is a 404", async () => {
    const cases: Array<[body: unknown, field: string]> = [
      [{}, 'name'],
      [{ name: 'x', scopes: ['admin'] }, 'scopes.0'],
      [{ name: 'x', scopes: ['write'] }, 'scopes'],
      [{ name: 'x', scopes: [] }, 'scopes'],
      [{ name: 'x', colour: 1 }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const response = await api.call('POST', '/v1/api-keys', body, key);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.ok(
        (response.json.errors as Array<{ field: string }>).some((error) => error.field === field),
        field,
      );
    }
    const mine = String((await api.call('POST', '/v1/api-keys', { name: 'mine' }, key)).json.id);
    assert.equal((await api.call('DELETE', `/v1/api-keys/${mine}`, undefined, otherKey)).status, 404);
  });
});

describe('Idempotency-Key', () => {
  const post = (path: string, body: unknown, idempotencyKey: string, apiKey = key) =>
    fetch(`${api.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify(body),
    });

  test('the same key and body replays the first answer (one subscription, the same secret)', async () => {
    const idempotencyKey = `create-${Date.now()}`;
    const first = await post('/v1/subscriptions', valid, idempotencyKey);
    assert.equal(first.status, 201);
    const firstBody = (await first.json()) as Record<string, unknown>;
    const again = await post('/v1/subscriptions', valid, idempotencyKey);
    assert.equal(again.status, 201);
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await again.json(), firstBody, 'byte-for-byte the first answer, secret included');
    const listed = await api.call('GET', '/v1/subscriptions?limit=100', undefined, key);
    assert.equal(
      (listed.json.data as Array<{ id: string }>).filter((entry) => entry.id === firstBody.id).length,
      1,
    );
  });

  test('the same key with another body is a 422; a failed request frees its key', async () => {
    const idempotencyKey = `other-${Date.now()}`;
    const invalid = await post('/v1/subscriptions', { ...valid, url: 'ftp://x' }, idempotencyKey);
    assert.equal(invalid.status, 400);
    const fixed = await post('/v1/subscriptions', valid, idempotencyKey);
    assert.equal(fixed.status, 201, 'the key was freed by the 400');
    await fixed.body?.cancel();
    const reused = await post('/v1/subscriptions', { ...valid, name: 'different' }, idempotencyKey);
    assert.equal(reused.status, 422);
    assert.equal(
      ((await reused.json()) as { type: string }).type,
      'https://hookstream.dev/problems/idempotency-key-reused',
    );
  });

  test('keys are per tenant, work on every POST, and a malformed key is a 400 naming the header', async () => {
    const idempotencyKey = `shared-${Date.now()}`;
    const mine = await post('/v1/api-keys', { name: 'k' }, idempotencyKey);
    const theirs = await post('/v1/api-keys', { name: 'k' }, idempotencyKey, otherKey);
    assert.equal(mine.status, 201);
    assert.equal(theirs.status, 201);
    assert.notEqual(((await mine.json()) as { id: string }).id, ((await theirs.json()) as { id: string }).id);
    const replayed = await post('/v1/api-keys', { name: 'k' }, idempotencyKey);
    assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
    await replayed.body?.cancel();

    const bad = await post('/v1/api-keys', { name: 'k' }, 'has space');
    assert.equal(bad.status, 400);
    assert.deepEqual(
      ((await bad.json()) as { errors: Array<{ field: string }> }).errors.map((error) => error.field),
      ['Idempotency-Key'],
    );
  });

  test('the stored answer is encrypted: the secret it holds is not in the database in clear', async () => {
    const idempotencyKey = `sealed-${Date.now()}`;
    const created = (await (await post('/v1/api-keys', { name: 'sealed' }, idempotencyKey)).json()) as {
      key: string;
    };
    const pool = new pg.Pool({ connectionString: api.database.url, max: 1 });
    try {
      const rows = await pool.query<{ response: Buffer }>(
        'SELECT response FROM idempotency_keys WHERE response IS NOT NULL',
      );
      assert.ok(rows.rows.length > 0);
      for (const row of rows.rows) assert.ok(!row.response.toString('latin1').includes(created.key));
    } finally {
      await pool.end();
    }
  });
});
