import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolvesThroughSystem, ttlAwareLookup } from './cached-dns-lookup.js';

const cases: Array<[string, boolean]> = [
  ['localhost', true],
  ['LOCALHOST.', true],
  ['api.localhost', true],
  ['demo-receiver', true],
  ['hooks.example.com', false],
  ['example.com.', false],
];
for (const [hostname, expected] of cases) {
  test(`${hostname} is resolved by ${expected ? 'the system resolver' : 'DNS servers'}`, () => {
    assert.equal(resolvesThroughSystem(hostname), expected);
  });
}

test('localhost resolves to loopback (the hosts file), reused for the fallback TTL', async () => {
  const lookup = ttlAwareLookup(1_234);
  const addresses = await new Promise<Array<{ address: string; ttl: number }>>((resolve, reject) =>
    lookup(new URL('http://localhost:1/'), {}, (error, found) => (error ? reject(error) : resolve(found))),
  );
  assert.ok(addresses.length > 0);
  assert.ok(
    addresses.every((entry) => entry.address === '127.0.0.1' || entry.address === '::1'),
    JSON.stringify(addresses),
  );
  assert.ok(addresses.every((entry) => entry.ttl === 1_234));
});
