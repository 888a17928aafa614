import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type ApiUnderTest, startApi } from './api-harness.js';

// Issue 11: guessing API keys is throttled per client address. After AUTH_FAILURE_BURST failed
// authentications every request from that address is a 429 with Retry-After, checked before
// the key is looked at, so a right guess cannot be told from a wrong one.

let api: ApiUnderTest;
let key: string;

before(async () => {
  api = await startApi('auth-throttle', { AUTH_FAILURE_BURST: '5', AUTH_FAILURES_PER_MINUTE: '1' });
  key = (await api.newTenant('auth-throttle')).apiKey;
});

after(async () => {
  await api?.stop();
});

test('five failures are 401s; then every request from the address is a 429, even with a valid key', async () => {
  assert.equal(
    (await api.call('GET', '/v1/subscriptions', undefined, key)).status,
    200,
    'a valid key works first',
  );
  const statuses: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    statuses.push((await api.call('GET', '/v1/subscriptions', undefined, `hs_live_guess${i}`)).status);
  }
  statuses.push((await api.call('GET', '/v1/subscriptions', undefined, null)).status);
  assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);

  const response = await fetch(`${api.baseUrl}/v1/subscriptions`, {
    headers: { authorization: `Bearer ${key}` },
  });
  assert.equal(response.status, 429);
  assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.ok(Number(response.headers.get('retry-after')) >= 1);
  assert.match(((await response.json()) as { detail: string }).detail, /failed authentications/);
});
