import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { hostname } from 'node:os';
import { after, before, describe, test } from 'node:test';
import { type ApiUnderTest, startApi } from './api-harness.js';

// Issue 11: in production every hostile URL form is refused with a 400 naming `url`, on create
// and on update; and the test send refuses at connect time a name that resolves inward.

let api: ApiUnderTest;
let key: string;
let subscriptionId: string;

const HOSTILE_URLS = [
  'http://169.254.169.254/latest/meta-data/',
  'https://169.254.169.254/latest/meta-data/',
  'https://127.0.0.1:8443/',
  'http://127.0.0.1:9092',
  'https://[::ffff:127.0.0.1]/',
  'https://2130706433/',
  'https://0x7f.1/',
  'https://017700000001/',
  'https://10.0.0.5/hook',
  'https://192.168.1.1/',
  'https://172.16.0.1/',
  'https://100.64.0.1/',
  'https://[::1]/',
  'https://[fd00:ec2::254]/',
  'https://[64:ff9b::a9fe:a9fe]/',
  'https://[fe80::1]/',
  'https://0.0.0.0/',
  'https://localhost/',
  'https://api.localhost/',
  'http://hooks.example.com/in',
  'https://user:pass@hooks.example.com/in',
  'https://hooks.example.com:22/in',
  'https://hooks.example.com:9092/in',
  'ftp://hooks.example.com/in',
  'file:///etc/passwd',
];

before(async () => {
  api = await startApi('hostile-urls', {
    HOOKSTREAM_ENV: 'production',
    HOOKSTREAM_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  });
  key = (await api.newTenant('hostile-urls')).apiKey;
  const created = await api.call(
    'POST',
    '/v1/subscriptions',
    { url: 'https://hooks.example.com/in', eventTypes: ['card.*'] },
    key,
  );
  assert.equal(created.status, 201, JSON.stringify(created.json));
  subscriptionId = String(created.json.id);
});

after(async () => {
  await api?.stop();
});

function urlErrors(json: Record<string, unknown>): string[] {
  const errors = (json.errors ?? []) as Array<{ field: string; message: string }>;
  return errors.filter((error) => error.field === 'url').map((error) => error.message);
}

describe('production: hostile subscription URLs', () => {
  for (const url of HOSTILE_URLS) {
    test(`create with ${url} → 400 naming url`, async () => {
      const response = await api.call('POST', '/v1/subscriptions', { url, eventTypes: ['card.*'] }, key);
      assert.equal(response.status, 400, JSON.stringify(response.json));
      assert.equal(urlErrors(response.json).length, 1, JSON.stringify(response.json));
      assert.ok(!JSON.stringify(response.json).includes('pass@'), 'the password is not echoed');
    });
  }

  test('update to a hostile URL → 400 naming url, and the stored URL is unchanged', async () => {
    for (const url of ['https://[::ffff:a9fe:a9fe]/', 'https://2130706433/', 'http://hooks.example.com/']) {
      const response = await api.call('PATCH', `/v1/subscriptions/${subscriptionId}`, { url }, key);
      assert.equal(response.status, 400, JSON.stringify(response.json));
      assert.equal(urlErrors(response.json).length, 1);
    }
    const current = await api.call('GET', `/v1/subscriptions/${subscriptionId}`, undefined, key);
    assert.equal(current.json.url, 'https://hooks.example.com/in');
  });

  test('the test send refuses, at connect time, a name that resolves to a non-public address', async (context) => {
    // This machine's own name resolves through /etc/hosts, typically to 127.0.x.1 or a private
    // container address: a public-looking name the URL check alone cannot judge.
    const name = hostname();
    const { address } = await lookup(name).catch(() => ({ address: '' }));
    if (!/^(127\.|10\.|172\.(1[6-9]|2\d|3[01])\.|192\.168\.|::1$|f[cd])/.test(address)) {
      context.skip(`${name} resolves to "${address}", not a private address`);
      return;
    }
    const created = await api.call(
      'POST',
      '/v1/subscriptions',
      { url: `https://${name}/in`, eventTypes: ['card.*'] },
      key,
    );
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const sent = await api.call(
      'POST',
      `/v1/subscriptions/${String(created.json.id)}/test`,
      { eventType: 'card.created' },
      key,
    );
    assert.equal(sent.status, 200, JSON.stringify(sent.json));
    assert.equal(sent.json.delivered, false);
    assert.match(
      String(sent.json.error),
      new RegExp(
        `^refused: refused to connect to ${address.replaceAll('.', '\\.')} \\(${name} resolved to it\\)`,
      ),
    );
  });
});
