import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { egressPolicy } from '@hookstream/egress-guard';
import { startReceiver } from '@hookstream/testkit';
import { Dispatcher } from './dispatch.js';

// Development mode: these tests talk to receivers on loopback.
const dispatcher = new Dispatcher({
  connectTimeoutMs: 3_000,
  dnsMaxTtlMs: 60_000,
  egress: egressPolicy({ mode: 'development' }),
});
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

test('in production, a loopback destination is refused before and at connect time; nothing is sent', async () => {
  const receiver = await startReceiver();
  const production = new Dispatcher({
    connectTimeoutMs: 3_000,
    dnsMaxTtlMs: 60_000,
    egress: egressPolicy({
      mode: 'production',
      allowHttp: true,
      allowedPorts: [Number(new URL(receiver.url).port)],
    }),
  });
  try {
    const port = new URL(receiver.url).port;
    for (const url of [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://[::ffff:7f00:1]:${port}/`,
    ]) {
      const result = await production.post({ url, body: '{}', headers: {}, timeoutMs: 5_000 });
      assert.equal(result.kind, 'refused', url);
      assert.match(
        result.kind === 'refused' ? result.message : '',
        /loopback|always means this machine/,
        url,
      );
    }
    assert.equal(receiver.requests.length, 0);
  } finally {
    await production.close();
    await receiver.close();
  }
});
