import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { registerSubscriptionsByTenant } from './subscriptions-by-tenant.metric.js';

test('subscriptions per tenant: the largest tenants by name, the rest as other, recomputed on each scrape', async () => {
  const registry = new Registry();
  let counts = new Map([
    ['ten_a', 5],
    ['ten_b', 1],
    ['ten_c', 3],
  ]);
  registerSubscriptionsByTenant(registry, () => counts, 2);
  const scrape = async () =>
    Object.fromEntries(
      (
        (await registry.getMetricsAsJSON()).find(
          (metric) => metric.name === 'hookstream_router_subscriptions_by_tenant',
        )?.values ?? []
      ).map((value) => [String(value.labels.tenant), value.value]),
    );
  assert.deepEqual(await scrape(), { ten_a: 5, ten_c: 3, other: 1 });
  // A tenant that left the top two is gone from the next scrape, not left stale.
  counts = new Map([
    ['ten_b', 9],
    ['ten_a', 5],
  ]);
  assert.deepEqual(await scrape(), { ten_b: 9, ten_a: 5 });
});
