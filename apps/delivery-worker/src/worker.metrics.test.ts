import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { WorkerMetrics } from './worker.metrics.js';

async function values(registry: Registry, name: string) {
  const metric = (await registry.getMetricsAsJSON()).find((entry) => entry.name === name);
  return (metric?.values ?? []).map((value) => ({ labels: value.labels, value: value.value }));
}

describe('WorkerMetrics per-tenant attempts', () => {
  it('counts attempts by tenant and status class, tenants beyond the limit as other, cancelled not at all', async () => {
    const registry = new Registry();
    const metrics = new WorkerMetrics(registry, { METRICS_TENANT_LIMIT: 1 });
    metrics.recordAttempt({ tenantId: 'ten_a' }, 'delivered', 204);
    metrics.recordAttempt({ tenantId: 'ten_a' }, 'retry_scheduled', 503);
    metrics.recordAttempt({ tenantId: 'ten_b' }, 'retry_scheduled', null);
    metrics.recordAttempt({ tenantId: 'ten_b' }, 'cancelled', null);
    assert.deepEqual(await values(registry, 'hookstream_worker_attempts_total'), [
      { labels: { tenant: 'ten_a', status_class: '2xx' }, value: 1 },
      { labels: { tenant: 'ten_a', status_class: '5xx' }, value: 1 },
      { labels: { tenant: 'other', status_class: 'no_response' }, value: 1 },
    ]);
  });

  it('observes the latency from occurredAt only for a delivered task that has one', async () => {
    const registry = new Registry();
    const metrics = new WorkerMetrics(registry, { METRICS_TENANT_LIMIT: 10 });
    const occurredAt = new Date(Date.now() - 2_000).toISOString();
    metrics.recordAttempt({ tenantId: 'ten_a', occurredAt }, 'delivered', 200);
    metrics.recordAttempt({ tenantId: 'ten_a', occurredAt }, 'retry_scheduled', 500);
    metrics.recordAttempt({ tenantId: 'ten_a' }, 'delivered', 200);
    const text = await registry.metrics();
    const sample = (name: string) =>
      Number(new RegExp(`^${name}\\{tenant="ten_a"\\} (\\S+)$`, 'm').exec(text)?.[1]);
    assert.equal(sample('hookstream_worker_delivery_latency_seconds_count'), 1);
    const seconds = sample('hookstream_worker_delivery_latency_seconds_sum');
    assert.ok(seconds >= 2 && seconds < 60, `about 2 s since occurredAt, got ${seconds}`);
  });

  it('exports the breaker states at 0 before any breaker opens', async () => {
    const registry = new Registry();
    new WorkerMetrics(registry, { METRICS_TENANT_LIMIT: 10 });
    assert.deepEqual(await values(registry, 'hookstream_worker_breaker_endpoints'), [
      { labels: { state: 'open' }, value: 0 },
      { labels: { state: 'half_open' }, value: 0 },
    ]);
  });
});
