import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { freePort } from '@hookstream/testkit';
import { type ApiUnderTest, startApi } from './api-harness.js';

// With METRICS_PORT set, the public API port must not expose internal metrics (issue 11):
// /metrics answers only on its own port, and the API port answers it with a 404.
let api: ApiUnderTest;
let metricsPort: number;

before(async () => {
  metricsPort = await freePort();
  api = await startApi('metricsport', { METRICS_PORT: String(metricsPort) });
});

after(async () => {
  assert.equal(await api?.stop(), 0, 'clean shutdown');
});

test('with METRICS_PORT, /metrics is served on that port only', async () => {
  const own = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  assert.equal(own.status, 200);
  assert.match(own.headers.get('content-type') ?? '', /^text\/plain/);
  assert.match(await own.text(), /^hookstream_api_/m, 'the service’s own metrics are there');

  const main = await fetch(`${api.baseUrl}/metrics`);
  assert.equal(main.status, 404);
  assert.equal(main.headers.get('content-type'), 'application/problem+json');
  await main.body?.cancel();

  const other = await fetch(`http://127.0.0.1:${metricsPort}/v1/subscriptions`);
  assert.equal(other.status, 404, 'nothing else is served on the metrics port');
  await other.body?.cancel();

  assert.equal((await fetch(`${api.baseUrl}/health/ready`)).status, 200, 'health stays on the main port');
});
