import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import type { SignatureSchemeName } from '../core/schemes.js';
import { verifyWebhook } from '../verifying/verify-webhook.js';
import { type SignWebhookInput, signWebhook } from './sign-webhook.js';

/**
 * The README's worked examples, one per scheme. If a value here changes, the README must change
 * with it: these are what people implementing a receiver in another language check against.
 * The expected values were also checked with `openssl dgst -hmac` and the `standardwebhooks` package.
 */
const SW_SECRET = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8='; // bytes 0x00..0x1f
const SW_OLD_SECRET = 'whsec_//79/Pv6+fj39vX08/Lx8O/u7ezr6uno5+bl5OPi4eA='; // bytes 0xff..0xe0
const PARTNER_SECRET = '9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a'; // used as its own UTF-8 bytes
const MSG_ID = 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W';
const TIMESTAMP = 1674087231;
const BODY = '{"type":"card.created","data":{"id":"card_123","last4":"4242"}}';
const AT = new Date(TIMESTAMP * 1000);

interface WorkedExample {
  readonly title: string;
  readonly scheme: SignatureSchemeName;
  readonly secrets: SignWebhookInput['secrets'];
  readonly options?: Parameters<typeof signWebhook>[1];
  readonly headers: Record<string, string>;
}

const EXAMPLES: readonly WorkedExample[] = [
  {
    title: 'standard-webhooks',
    scheme: 'standard-webhooks',
    secrets: SW_SECRET,
    headers: {
      'webhook-id': MSG_ID,
      'webhook-timestamp': '1674087231',
      'webhook-signature': 'v1,KVOjs6AvehhRzxnSBxu0PgqDrXcCHGYDF3sxtKYOO4Y=',
    },
  },
  {
    title: 'standard-webhooks during a rotation (newest first)',
    scheme: 'standard-webhooks',
    secrets: [
      {
        value: SW_OLD_SECRET,
        createdAt: new Date('2023-01-01T00:00:00Z'),
        expiresAt: new Date(AT.getTime() + 3600e3),
      },
      { value: SW_SECRET, createdAt: new Date('2023-01-18T00:00:00Z') },
    ],
    headers: {
      'webhook-id': MSG_ID,
      'webhook-timestamp': '1674087231',
      'webhook-signature':
        'v1,KVOjs6AvehhRzxnSBxu0PgqDrXcCHGYDF3sxtKYOO4Y= v1,ns6iOCbu0T/SZ4ytxnZ3heBsbkaqxuOwZ2h3eg6YUpA=',
    },
  },
  {
    title: 'hmac-sha256-hex',
    scheme: 'hmac-sha256-hex',
    secrets: PARTNER_SECRET,
    headers: {
      'X-Webhook-ID': MSG_ID,
      'X-Webhook-Timestamp': '1674087231',
      'X-Webhook-Signature': 'sha256=41a334d23e74296d5ef171f6f52d6cebd04f34cb72b282237c5546a61de00848',
    },
  },
  {
    title: 'hmac-sha256-hex with headerPrefix X-Acme-',
    scheme: 'hmac-sha256-hex',
    secrets: PARTNER_SECRET,
    options: { headerPrefix: 'X-Acme-' },
    headers: {
      'X-Acme-ID': MSG_ID,
      'X-Acme-Timestamp': '1674087231',
      'X-Acme-Signature': 'sha256=41a334d23e74296d5ef171f6f52d6cebd04f34cb72b282237c5546a61de00848',
    },
  },
  {
    title: 'hmac-sha512-timestamp-hex',
    scheme: 'hmac-sha512-timestamp-hex',
    secrets: PARTNER_SECRET,
    headers: {
      'X-Webhook-Timestamp': '1674087231',
      'X-Webhook-Signature':
        '50c5b2384c9222dd55ebb9b99eb60464182e1a05c4b7b41ec4caf6c67b9aab82' +
        'a01f01bb0514203d60c27788f80a85109fe6ba3ebc22693e1e617b463a8b9300',
    },
  },
  {
    title: 'hmac-sha256-base64 as x-em-signature',
    scheme: 'hmac-sha256-base64',
    secrets: PARTNER_SECRET,
    options: { headerNames: { signature: 'x-em-signature' } },
    headers: { 'x-em-signature': 'QaM00j50KW1e8XH29S1s69BPNMtysoIjfFVGph3gCEg=' },
  },
];

describe('README worked examples', () => {
  for (const example of EXAMPLES) {
    const input = {
      scheme: example.scheme,
      msgId: MSG_ID,
      timestamp: TIMESTAMP,
      body: BODY,
      secrets: example.secrets,
    };
    test(`${example.title}: signs to the documented headers`, () => {
      assert.deepEqual(signWebhook({ ...input, now: AT }, example.options), example.headers);
    });
    test(`${example.title}: the documented headers verify`, () => {
      const options = { ...example.options, scheme: example.scheme, now: AT };
      const result = verifyWebhook(BODY, example.headers, example.secrets, options);
      assert.equal(result.ok, true, JSON.stringify(result));
    });
  }

  test('the standardwebhooks package computes the same signatures', () => {
    const at = new Date(TIMESTAMP * 1000);
    assert.equal(
      new Webhook(SW_SECRET).sign(MSG_ID, at, BODY),
      'v1,KVOjs6AvehhRzxnSBxu0PgqDrXcCHGYDF3sxtKYOO4Y=',
    );
    assert.equal(
      new Webhook(SW_OLD_SECRET).sign(MSG_ID, at, BODY),
      'v1,ns6iOCbu0T/SZ4ytxnZ3heBsbkaqxuOwZ2h3eg6YUpA=',
    );
  });

  test('the example body survives the JSON round trip scheme-3 receivers perform', () => {
    assert.equal(JSON.stringify(JSON.parse(BODY)), BODY);
  });
});
