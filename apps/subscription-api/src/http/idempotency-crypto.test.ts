import assert from 'node:assert/strict';
import { test } from 'node:test';
import { idempotencyLookupHash, openResponse, requestHash, sealResponse } from './idempotency-crypto.js';

test('a sealed answer opens only with the same tenant and Idempotency-Key', () => {
  const sealed = sealResponse('ten_a', 'key-1', '{"secret":"whsec_x"}');
  assert.ok(!sealed.toString('latin1').includes('whsec_x'));
  assert.equal(openResponse('ten_a', 'key-1', sealed), '{"secret":"whsec_x"}');
  for (const [tenant, key] of [
    ['ten_a', 'key-2'],
    ['ten_b', 'key-1'],
  ] as const) {
    assert.throws(() => openResponse(tenant, key, sealed), `${tenant}/${key} cannot open it`);
  }
  const tampered = Buffer.from(sealed);
  tampered[tampered.length - 1] = (tampered.at(-1) ?? 0) ^ 1;
  assert.throws(() => openResponse('ten_a', 'key-1', tampered), 'GCM detects tampering');
});

test('lookup hashes are per tenant; request hashes differ by method, path or body', () => {
  assert.notDeepEqual(idempotencyLookupHash('ten_a', 'k'), idempotencyLookupHash('ten_b', 'k'));
  const base = requestHash('POST', '/v1/subscriptions', { a: 1 });
  assert.deepEqual(requestHash('POST', '/v1/subscriptions', { a: 1 }), base);
  for (const other of [
    requestHash('POST', '/v1/api-keys', { a: 1 }),
    requestHash('PATCH', '/v1/subscriptions', { a: 1 }),
    requestHash('POST', '/v1/subscriptions', { a: 2 }),
    requestHash('POST', '/v1/subscriptions', undefined),
  ]) {
    assert.notDeepEqual(other, base);
  }
});
