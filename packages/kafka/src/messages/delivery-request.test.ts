import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSigner, verifyWebhook } from '@hookstream/signatures';
import { deliveryRequestFor, headerSettingsProblem } from './delivery-request.js';
import { subscriptionFixture } from './subscription-record.fixture.js';
import type { SubscriptionRecord } from './subscription-record.js';

const at = '2026-11-22T10:00:00.000Z';
const partnerSecret = '9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a';
const base: SubscriptionRecord = subscriptionFixture();
const delivery = { messageId: 'msg_abc', eventId: 'evt_xyz', payload: '{"a":1}' };
const options = {
  signer: createSigner(),
  now: new Date('2023-01-19T00:13:51Z'),
  userAgent: 'hs/1',
  defaultTimeoutMs: 10_000,
};

describe('deliveryRequestFor', () => {
  const cases: Array<
    [name: string, overrides: Partial<SubscriptionRecord>, expectedNames: string[], timeoutMs: number]
  > = [
    [
      'a record from before delivery settings existed',
      {},
      ['content-type', 'user-agent', 'webhook-id', 'webhook-timestamp', 'webhook-signature'],
      10_000,
    ],
    [
      'Ratio-style names and a timeout',
      {
        signatureScheme: 'hmac-sha512-timestamp-hex',
        secrets: [{ value: partnerSecret, createdAt: at, expiresAt: null }],
        signatureHeaders: {
          signature: 'ratio-webhook-signature',
          timestamp: 'ratio-webhook-signature-timestamp',
        },
        timeoutMs: 2_500,
      },
      ['content-type', 'user-agent', 'ratio-webhook-signature-timestamp', 'ratio-webhook-signature'],
      2_500,
    ],
    [
      'an extra Authorization header',
      {
        signatureScheme: 'hmac-sha256-base64',
        secrets: [{ value: partnerSecret, createdAt: at, expiresAt: null }],
        signatureHeaders: { signature: 'x-em-signature' },
        headers: { Authorization: 'ApiKey k1' },
      },
      ['Authorization', 'content-type', 'user-agent', 'x-em-signature'],
      10_000,
    ],
  ];
  for (const [name, overrides, expectedNames, timeoutMs] of cases) {
    test(name, () => {
      const subscription = { ...base, ...overrides };
      const request = deliveryRequestFor(subscription, delivery, options);
      assert.deepEqual(Object.keys(request.headers), expectedNames);
      assert.equal(request.timeoutMs, timeoutMs);
      assert.equal(request.body, delivery.payload);
      const verified = verifyWebhook(request.body, request.headers, subscription.secrets[0]?.value ?? '', {
        scheme: subscription.signatureScheme,
        now: options.now,
        ...(subscription.signatureHeaders ? { headerNames: subscription.signatureHeaders } : {}),
      });
      assert.equal(verified.ok, true, JSON.stringify(verified));
    });
  }

  test('an extra header can never duplicate a signature or framing header, whatever its case', () => {
    const request = deliveryRequestFor(
      {
        ...base,
        headers: { 'WEBHOOK-SIGNATURE': 'v1,forged', 'Content-Type': 'text/plain', 'X-Keep': 'yes' },
      },
      delivery,
      options,
    );
    const names = Object.keys(request.headers).map((name) => name.toLowerCase());
    assert.equal(new Set(names).size, names.length, 'no duplicates');
    assert.equal(request.headers['content-type'], 'application/json');
    assert.notEqual(request.headers['webhook-signature'], 'v1,forged');
    assert.equal(request.headers['X-Keep'], 'yes');
  });

  test('the id header carries the event id when asked to', () => {
    const request = deliveryRequestFor(
      {
        ...base,
        signatureScheme: 'hmac-sha256-hex',
        secrets: [{ value: partnerSecret, createdAt: at, expiresAt: null }],
        signatureHeaders: { id: 'X-RateAPI-Event-Id' },
        idHeaderValue: 'event-id',
      },
      delivery,
      options,
    );
    assert.equal(request.headers['X-RateAPI-Event-Id'], 'evt_xyz');
  });
});

describe('headerSettingsProblem', () => {
  const cases: Array<[name: string, settings: Partial<SubscriptionRecord>, field: string | null]> = [
    ['no settings', {}, null],
    ['renaming standard-webhooks headers', { signatureHeaders: { signature: 'x-sig' } }, 'signatureHeaders'],
    [
      'an invalid header name',
      { signatureScheme: 'hmac-sha256-hex', signatureHeaders: { signature: 'bad name' } },
      'signatureHeaders',
    ],
    [
      'colliding names',
      { signatureScheme: 'hmac-sha256-hex', signatureHeaders: { signature: 'X-A', timestamp: 'x-a' } },
      'signatureHeaders',
    ],
    ['a framing header', { headers: { 'Content-Length': '1' } }, 'headers.Content-Length'],
    [
      'a signature header',
      {
        signatureScheme: 'hmac-sha256-base64',
        signatureHeaders: { signature: 'x-em-signature' },
        headers: { 'X-EM-Signature': 'forged' },
      },
      'headers.X-EM-Signature',
    ],
    ['an Authorization header', { headers: { Authorization: 'ApiKey k' } }, null],
  ];
  for (const [name, settings, field] of cases) {
    test(name, () => {
      assert.equal(headerSettingsProblem({ ...base, ...settings })?.field ?? null, field);
    });
  }
});

describe('deliveryRequestFor preparing a record once', () => {
  const partner: SubscriptionRecord = {
    ...base,
    signatureScheme: 'hmac-sha256-hex',
    secrets: [{ value: partnerSecret, createdAt: at, expiresAt: null }],
    headers: { 'X-Tenant': 'a', 'X-Acme-Signature': 'forged' },
  };
  const cases: Array<
    [
      name: string,
      first: Parameters<typeof deliveryRequestFor>,
      second: Parameters<typeof deliveryRequestFor>,
      same: boolean,
    ]
  > = [
    [
      'the same record twice gives the same request',
      [partner, delivery, options],
      [partner, delivery, options],
      true,
    ],
    [
      'a changed record (a new object) uses its new headers',
      [partner, delivery, options],
      [{ ...partner, headers: { 'X-Tenant': 'b' } }, delivery, options],
      false,
    ],
    [
      'the same record with another deployment signer uses that signer’s header names',
      [partner, delivery, options],
      [partner, delivery, { ...options, signer: createSigner({ headerPrefix: 'X-Acme-' }) }],
      false,
    ],
  ];
  for (const [name, first, second, same] of cases) {
    test(name, () => {
      const a = deliveryRequestFor(...first);
      const b = deliveryRequestFor(...second);
      // Each request equals what a fresh record (never seen before) gives.
      const fresh = (args: Parameters<typeof deliveryRequestFor>) =>
        deliveryRequestFor({ ...args[0] }, args[1], args[2]);
      assert.deepEqual(a, fresh(first));
      assert.deepEqual(b, fresh(second));
      assert.equal(JSON.stringify(a) === JSON.stringify(b), same);
    });
  }

  test('a deployment prefix drops the subscription header that would duplicate its signature header', () => {
    const prefixed = { ...options, signer: createSigner({ headerPrefix: 'X-Acme-' }) };
    const request = deliveryRequestFor(partner, delivery, prefixed);
    assert.equal(request.headers['X-Acme-Signature'] === 'forged', false);
    assert.equal(request.headers['X-Tenant'], 'a');
  });
});
