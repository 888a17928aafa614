import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ApiUnderTest, startApi } from './api-harness.js';

let api: ApiUnderTest;

before(async () => {
  // 1 request/s sustained, 3 at once: small enough to exceed with a handful of requests.
  api = await startApi('ratelimit', { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '3' });
});

after(async () => {
  assert.equal(await api?.stop(), 0, 'clean shutdown');
});

test('a key over its rate gets 429 problem+json with Retry-After; other keys are not affected', async () => {
  const busy = (await api.newTenant('busy')).apiKey;
  const statuses: number[] = [];
  let retryAfter: string | null = null;
  let problemType: unknown;
  for (let i = 0; i < 6; i += 1) {
    const response = await fetch(`${api.baseUrl}/v1/subscriptions`, {
      headers: { authorization: `Bearer ${busy}` },
    });
    statuses.push(response.status);
    if (response.status === 429) {
      retryAfter = response.headers.get('retry-after');
      problemType = ((await response.json()) as { type: string }).type;
    } else await response.body?.cancel();
  }
  assert.deepEqual(statuses.slice(0, 3), [200, 200, 200], 'the burst passes');
  assert.ok(statuses.includes(429), `some were refused: ${statuses.join(',')}`);
  assert.match(retryAfter ?? '', /^[1-9]\d*$/, 'Retry-After in whole seconds');
  assert.equal(problemType, 'https://hookstream.dev/problems/rate-limited');

  const calm = (await api.newTenant('calm')).apiKey;
  assert.equal((await api.call('GET', '/v1/subscriptions', undefined, calm)).status, 200);
});
