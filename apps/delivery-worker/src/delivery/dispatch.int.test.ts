import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startReceiver } from '@hookstream/testkit';
import { Dispatcher } from './dispatch.js';

const dispatcher = new Dispatcher({ connectTimeoutMs: 3_000, dnsMaxTtlMs: 60_000 });
after(() => dispatcher.close());

test('a URL with a host name goes through the DNS cache to a real local receiver', async () => {
  const receiver = await startReceiver(() => ({ status: 202, body: 'accepted' }));
  try {
    const port = new URL(receiver.url).port;
    const request = { url: `http://localhost:${port}/hook`, body: '{}', headers: {}, timeoutMs: 5_000 };
    const first = await dispatcher.post(request);
    const second = await dispatcher.post(request);
    assert.equal(first.kind, 'response');
    assert.equal(first.kind === 'response' && first.status, 202);
    assert.equal(second.kind === 'response' && second.bodySnippet, 'accepted');
    assert.equal(receiver.requests.length, 2);
  } finally {
    await receiver.close();
  }
});

test('a refused connection is a network error naming the cause', async () => {
  const receiver = await startReceiver();
  const port = new URL(receiver.url).port;
  await receiver.close();
  const result = await dispatcher.post({
    url: `http://127.0.0.1:${port}/`,
    body: '{}',
    headers: {},
    timeoutMs: 5_000,
  });
  assert.equal(result.kind, 'network-error');
  assert.match(result.kind === 'network-error' ? result.message : '', /ECONNREFUSED/);
});
