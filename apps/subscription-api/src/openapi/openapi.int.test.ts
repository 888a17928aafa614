import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { z } from 'zod';
import { DeliveryLogController } from '../delivery-log/delivery-log.controller.js';
import { EventTypesController } from '../event-types/event-types.controller.js';
import { API_ROUTES } from '../http/route-table.js';
import { type ApiUnderTest, startApi } from '../integration/api-harness.js';
import { ReplayController } from '../replay/replay.controller.js';
import { SecretController } from '../subscriptions/secret.controller.js';
import { SubscriptionsController } from '../subscriptions/subscriptions.controller.js';
import { TestSendController } from '../subscriptions/test-send.controller.js';
import { ApiKeysController } from '../tenants/api-keys.controller.js';
import { OpenApiController } from './openapi.controller.js';
import {
  ApiKeyPageSchema,
  AttemptPageSchema,
  CreatedApiKeySchema,
  DeadLetterPageSchema,
  EventTypeListSchema,
  Problem,
  RedriveResultSchema,
  ReplaySchema,
  ReplayStartedSchema,
  RevealedSecretSchema,
  RotatedSecretSchema,
  SubscriptionPageSchema,
  SubscriptionResponseSchema,
  TestSendResultSchema,
} from './response.schemas.js';

let api: ApiUnderTest;
let key: string;
let document: { openapi: string; paths: Record<string, Record<string, unknown>> };

before(async () => {
  api = await startApi('openapi');
  key = (await api.newTenant('openapi')).apiKey;
  const response = await fetch(`${api.baseUrl}/v1/openapi.json`);
  assert.equal(response.status, 200);
  document = (await response.json()) as typeof document;
});

after(async () => {
  assert.equal(await api?.stop(), 0, 'clean shutdown');
});

/** `/v1/subscriptions/:id` → `/v1/subscriptions/{id}`. */
const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** Every route Nest serves, read from the controllers' own decorator metadata. */
function nestRoutes(): string[] {
  const controllers = [
    SubscriptionsController,
    SecretController,
    TestSendController,
    ApiKeysController,
    EventTypesController,
    OpenApiController,
    DeliveryLogController,
    ReplayController,
  ];
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata('path', controller) ?? '');
    return Object.getOwnPropertyNames(controller.prototype).flatMap((name) => {
      if (name === 'constructor') return [];
      const handler = (controller.prototype as unknown as Record<string, unknown>)[name];
      if (typeof handler !== 'function' || Reflect.getMetadata('path', handler) === undefined) return [];
      const path = `/${[base, String(Reflect.getMetadata('path', handler))].filter((part) => part && part !== '/').join('/')}`;
      return [`${methods[Number(Reflect.getMetadata('method', handler))]} ${path}`];
    });
  });
}

describe('the OpenAPI document', () => {
  test('is a valid OpenAPI 3.1 document', async () => {
    assert.match(document.openapi, /^3\.1\./);
    const result = await new Validator().validate(document);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2)?.slice(0, 2_000));
  });

  test('describes every route the API serves, and the route table is exactly the controllers', () => {
    const served = nestRoutes().sort();
    assert.deepEqual(served, API_ROUTES.map((route) => `${route.method} ${route.path}`).sort());
    for (const route of API_ROUTES) {
      const item = document.paths[toOpenApiPath(route.path)];
      assert.ok(item?.[route.method.toLowerCase()], `${route.method} ${route.path} is in the document`);
    }
  });

  test('request bodies come from the validating schemas (the strict create body refuses unknown fields)', () => {
    const create = document.paths['/v1/subscriptions']?.post as {
      requestBody: {
        content: { 'application/json': { schema: { additionalProperties?: boolean; required?: string[] } } };
      };
    };
    const schema = create.requestBody.content['application/json'].schema;
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required?.sort(), ['eventTypes', 'url']);
  });
});

describe('real answers match the documented schemas', () => {
  const call = async (method: string, path: string, schema: z.ZodType, body?: unknown, status = 200) => {
    const response = await api.call(method, path, body, key);
    assert.equal(response.status, status, `${method} ${path}: ${JSON.stringify(response.json)}`);
    const parsed = schema.safeParse(response.json);
    assert.ok(parsed.success, `${method} ${path}: ${parsed.error?.message}`);
    return response.json;
  };

  test('subscriptions, secrets, test send, keys, the catalog and problems', async () => {
    const created = await call(
      'POST',
      '/v1/subscriptions',
      SubscriptionResponseSchema,
      { url: 'http://127.0.0.1:9/x', eventTypes: ['card.*'], secretPolicy: 'retrievable' },
      201,
    );
    const id = String(created.id);
    await call('GET', '/v1/subscriptions', SubscriptionPageSchema);
    await call('GET', `/v1/subscriptions/${id}`, SubscriptionResponseSchema);
    await call('PATCH', `/v1/subscriptions/${id}`, SubscriptionResponseSchema, { name: 'documented' });
    await call('POST', `/v1/subscriptions/${id}/secret/rotate`, RotatedSecretSchema, {});
    await call('GET', `/v1/subscriptions/${id}/secret`, RevealedSecretSchema);
    await call('POST', `/v1/subscriptions/${id}/test`, TestSendResultSchema, {});
    await call('POST', '/v1/api-keys', CreatedApiKeySchema, { name: 'documented' }, 201);
    await call('GET', '/v1/api-keys', ApiKeyPageSchema);
    await call('GET', '/v1/event-types', EventTypeListSchema);
    await call('POST', '/v1/subscriptions', Problem, { url: 'nope' }, 400);
  });

  test('delivery operations: attempts, dead letters, redrive and replay', async () => {
    const created = await call(
      'POST',
      '/v1/subscriptions',
      SubscriptionResponseSchema,
      { url: 'http://127.0.0.1:9/x', eventTypes: ['card.*'] },
      201,
    );
    const id = String(created.id);
    await call('GET', `/v1/subscriptions/${id}/attempts`, AttemptPageSchema);
    await call('GET', `/v1/subscriptions/${id}/dead-letters`, DeadLetterPageSchema);
    const since = new Date(Date.now() - 60_000).toISOString();
    await call('POST', `/v1/subscriptions/${id}/dead-letters/redrive`, RedriveResultSchema, { since }, 202);
    const replay = await call(
      'POST',
      `/v1/subscriptions/${id}/replay`,
      ReplayStartedSchema,
      { since, until: new Date().toISOString() },
      202,
    );
    await call('GET', `/v1/replays/${replay.id}`, ReplaySchema);
    await call('GET', '/v1/messages/msg_none/attempts', Problem, undefined, 404);
  });
});

describe('the rendered reference', () => {
  test('/docs is HTML that loads Swagger UI from this server only', async () => {
    const page = await fetch(`${api.baseUrl}/docs`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const html = await page.text();
    assert.doesNotMatch(html, /https?:\/\//, 'no CDN or other external URL');
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1] ?? '');
    assert.ok(assets.length >= 3);
    for (const asset of assets) {
      const response = await fetch(`${api.baseUrl}${asset}`);
      assert.equal(response.status, 200, asset);
      assert.ok((await response.arrayBuffer()).byteLength > 0, asset);
    }
    const init = await (await fetch(`${api.baseUrl}/docs/assets/init.js`)).text();
    assert.match(init, /\/v1\/openapi\.json/);
    assert.equal((await fetch(`${api.baseUrl}/docs/assets/..%2Fpackage.json`)).status, 404);
  });
});
