import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { API_ROUTES } from '../http/route-table.js';
import { type ApiUnderTest, startApi } from './api-harness.js';

// Requests a careless or hostile client sends. Whatever they contain, the answer is a 4xx
// problem+json (never a 5xx), and a 400 names the offending field.

let api: ApiUnderTest;
let key: string;
let subscriptionId: string;

const valid = { url: 'https://hooks.example.com/in', eventTypes: ['card.*'] };

/** Values that must never reach Postgres or crash a handler. */
const HOSTILE_STRINGS: Array<[label: string, value: string]> = [
  ['NUL', 'a\u0000b'],
  ['a lone low surrogate', 'x\udfff'],
  ['a lone high surrogate', '\ud800y'],
  ['10,000 characters', 'a'.repeat(10_000)],
];
const HOSTILE_NON_STRINGS: Array<[label: string, value: unknown]> = [
  ['a number', 42],
  ['an object', { nested: true }],
  ['a boolean', true],
];

/** Writable body fields, each with a path to put the hostile value at. */
const BODY_FIELDS: Array<[field: string, place: (value: unknown) => Record<string, unknown>]> = [
  ['url', (value) => ({ ...valid, url: value })],
  ['description', (value) => ({ ...valid, description: value })],
  ['secret', (value) => ({ ...valid, signatureScheme: 'hmac-sha256-hex', secret: value })],
  ['eventTypes.0', (value) => ({ ...valid, eventTypes: [value] })],
  ['accountIds.0', (value) => ({ ...valid, accountIds: [value] })],
  ['signatureScheme', (value) => ({ ...valid, signatureScheme: value })],
  ['name', (value) => ({ ...valid, name: value })],
  ['headers.Authorization', (value) => ({ ...valid, headers: { Authorization: value } })],
  [
    'signatureHeaders.signature',
    (value) => ({ ...valid, signatureScheme: 'hmac-sha256-hex', signatureHeaders: { signature: value } }),
  ],
  ['payloadFormat', (value) => ({ ...valid, payloadFormat: value })],
  ['profile', (value) => ({ ...valid, profile: value })],
  ['secretPolicy', (value) => ({ ...valid, secretPolicy: value })],
];

/** The other bodies: [route (`:id` is a real subscription), field, body with the value placed]. */
const OTHER_BODIES: Array<
  [method: string, path: string, field: string, place: (value: unknown) => Record<string, unknown>]
> = [
  ['PATCH', '/v1/subscriptions/:id', 'url', (value) => ({ url: value })],
  ['PATCH', '/v1/subscriptions/:id', 'name', (value) => ({ name: value })],
  ['PATCH', '/v1/subscriptions/:id', 'headers.X-Key', (value) => ({ headers: { 'X-Key': value } })],
  ['PATCH', '/v1/subscriptions/:id', 'secret', (value) => ({ secret: value })],
  ['POST', '/v1/subscriptions/:id/secret/rotate', 'secret', (value) => ({ secret: value })],
  ['POST', '/v1/subscriptions/:id/test', 'eventType', (value) => ({ eventType: value })],
  ['POST', '/v1/api-keys', 'name', (value) => ({ name: value })],
  ['POST', '/v1/api-keys', 'scopes.0', (value) => ({ name: 'k', scopes: [value] })],
];

interface Sent {
  status: number;
  contentType: string;
  body: string;
  allow: string | null;
}

async function send(method: string, path: string, body?: string, contentType?: string): Promise<Sent> {
  const response = await fetch(`${api.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(contentType === undefined ? {} : { 'content-type': contentType }),
    },
    body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
    allow: response.headers.get('allow'),
  };
}

function fieldsOf(sent: Sent): string[] {
  const problem = JSON.parse(sent.body) as { errors?: Array<{ field: string }> };
  return (problem.errors ?? []).map((error) => error.field);
}

function assertProblem(sent: Sent, status: number, what: string): void {
  assert.equal(sent.status, status, `${what}: ${sent.body.slice(0, 300)}`);
  assert.match(sent.contentType, /^application\/problem\+json/, what);
}

before(async () => {
  api = await startApi('hostile');
  key = (await api.newTenant('hostile')).apiKey;
  const created = await api.call('POST', '/v1/subscriptions', valid, key);
  assert.equal(created.status, 201);
  subscriptionId = String(created.json.id);
});

after(async () => {
  assert.equal(await api?.stop(), 0, 'clean shutdown');
});

describe('hostile values in body fields are 400s naming the field', () => {
  for (const [field, place] of BODY_FIELDS) {
    for (const [label, value] of [...HOSTILE_STRINGS, ...HOSTILE_NON_STRINGS]) {
      test(`${field} = ${label}`, async () => {
        const sent = await send(
          'POST',
          '/v1/subscriptions',
          JSON.stringify(place(value)),
          'application/json',
        );
        assertProblem(sent, 400, `${field} = ${label}`);
        assert.ok(fieldsOf(sent).includes(field), `${field} is named in ${sent.body.slice(0, 300)}`);
      });
    }
  }

  test('a NUL or lone surrogate in a field name is refused', async () => {
    for (const name of ['col\u0000our', 'x\udfff']) {
      const sent = await send(
        'POST',
        '/v1/subscriptions',
        JSON.stringify({ ...valid, [name]: 1 }),
        'application/json',
      );
      assertProblem(sent, 400, JSON.stringify(name));
    }
  });
});

describe('hostile values in the other bodies are 400s naming the field', () => {
  for (const [method, template, field, place] of OTHER_BODIES) {
    for (const [label, value] of [...HOSTILE_STRINGS, ...HOSTILE_NON_STRINGS]) {
      test(`${method} ${template} ${field} = ${label}`, async () => {
        const path = template.replace(':id', subscriptionId);
        const sent = await send(method, path, JSON.stringify(place(value)), 'application/json');
        assertProblem(sent, 400, `${field} = ${label}`);
        assert.ok(fieldsOf(sent).includes(field), `${field} is named in ${sent.body.slice(0, 300)}`);
      });
    }
  }

  test('a hostile Idempotency-Key is a 400 naming the header', async () => {
    for (const idempotencyKey of ['a b', 'x'.repeat(256)]) {
      const response = await fetch(`${api.baseUrl}/v1/api-keys`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          'idempotency-key': idempotencyKey,
        },
        body: JSON.stringify({ name: 'k' }),
      });
      assert.equal(response.status, 400);
      const problem = (await response.json()) as { errors: Array<{ field: string }> };
      assert.deepEqual(
        problem.errors.map((error) => error.field),
        ['Idempotency-Key'],
      );
    }
  });
});

describe('hostile query strings and path parameters', () => {
  const queries: Array<[query: string, field: string]> = [
    ['cursor=sub_%00', 'cursor'],
    ['cursor=sub_a%ED%BF%BF', 'cursor'],
    ['cursor=nope', 'cursor'],
    ['cursor=sub_a&cursor=sub_b', 'cursor'],
    ['limit=-1', 'limit'],
    ['limit=1e309', 'limit'],
    ['limit=%00', 'limit'],
    ['colour=red', 'colour'],
  ];
  for (const [query, field] of queries) {
    test(`GET /v1/subscriptions?${query}`, async () => {
      const sent = await send('GET', `/v1/subscriptions?${query}`);
      assertProblem(sent, 400, query);
      assert.ok(fieldsOf(sent).includes(field), `${field} is named in ${sent.body}`);
    });
  }

  const ids: Array<[id: string, type: string]> = [
    ['%zz', 'invalid-path'],
    ['%ED%BF%BF', 'invalid-path'],
    ['sub_%00', 'validation'],
    ['not-an-id', 'validation'],
    [`sub_${'a'.repeat(500)}`, 'validation'],
  ];
  for (const [id, type] of ids) {
    test(`GET /v1/subscriptions/${id.slice(0, 20)} is a 400 of type ${type}`, async () => {
      const sent = await send('GET', `/v1/subscriptions/${id}`);
      assertProblem(sent, 400, id);
      const problem = JSON.parse(sent.body) as { type: string; title: string };
      assert.equal(problem.type, `https://hookstream.dev/problems/${type}`);
      assert.doesNotMatch(problem.title, /^(Http|BadRequest)$/);
    });
  }
});

describe('methods and media types', () => {
  const paths = [...new Set(API_ROUTES.map((route) => route.path))];
  for (const template of paths) {
    const allowed = API_ROUTES.filter((route) => route.path === template).map((route) => route.method);
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter(
      (m) => !allowed.includes(m as never),
    )) {
      test(`${method} ${template} is a 405 with Allow`, async () => {
        const path = template.replace(':id', subscriptionId);
        const sent = await send(method, path);
        assertProblem(sent, 405, `${method} ${path}`);
        for (const expected of allowed) assert.ok(sent.allow?.includes(expected), `Allow: ${sent.allow}`);
      });
    }
  }

  const bodies: Array<[contentType: string, body: string]> = [
    ['text/plain', JSON.stringify(valid)],
    ['application/x-www-form-urlencoded', 'url=https%3A%2F%2Fa.example.com&eventTypes=card.*'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="url"\r\n\r\nhttps://a.example.com\r\n--x--',
    ],
    ['application/xml', '<subscription/>'],
  ];
  for (const [contentType, body] of bodies) {
    test(`a ${contentType} body is a 415 and creates nothing`, async () => {
      const before = await api.call('GET', '/v1/subscriptions?limit=100', undefined, key);
      const sent = await send('POST', '/v1/subscriptions', body, contentType);
      assertProblem(sent, 415, contentType);
      const after = await api.call('GET', '/v1/subscriptions?limit=100', undefined, key);
      assert.deepEqual(after.json.data, before.json.data);
    });
  }

  test('JSON that does not parse is a 400 malformed-json naming the body', async () => {
    const sent = await send('POST', '/v1/subscriptions', '{"url": ', 'application/json');
    assertProblem(sent, 400, 'truncated JSON');
    assert.equal(
      (JSON.parse(sent.body) as { type: string }).type,
      'https://hookstream.dev/problems/malformed-json',
    );
    assert.deepEqual(fieldsOf(sent), ['body']);
  });

  test('a body over the size limit is a 413', async () => {
    const sent = await send(
      'POST',
      '/v1/subscriptions',
      JSON.stringify({ ...valid, description: 'a'.repeat(200_000) }),
      'application/json',
    );
    assertProblem(sent, 413, 'oversized body');
  });
});
