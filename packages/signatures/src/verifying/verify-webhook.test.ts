import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signWebhook } from '../signing/sign-webhook.js';
import { WebhookVerificationError } from './errors.js';
import { type VerifyOptions, verifyWebhook, verifyWebhookOrThrow } from './verify-webhook.js';

const SW = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const SW_OTHER = 'whsec_//79/Pv6+fj39vX08/Lx8O/u7ezr6uno5+bl5OPi4eA=';
const PARTNER = '9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a';
const NOW = new Date(1_700_000_000_000);
const BODY = '{"type":"card.created"}';
const base = { msgId: 'msg_1', timestamp: NOW, body: BODY };

interface Case {
  readonly name: string;
  readonly headers: (signed: Signed) => Record<string, string> | Headers;
  readonly body?: string | Uint8Array | ArrayBuffer;
  readonly secrets: Parameters<typeof verifyWebhook>[2];
  readonly options?: VerifyOptions;
  readonly expected: string;
}

/** Signed headers per scheme. */
interface Signed {
  readonly sw: Record<string, string>;
  readonly hex: Record<string, string>;
  readonly acme: Record<string, string>;
  readonly em: Record<string, string>;
}

let signedCache: Signed | undefined;
/**
 * Built on first use, inside a test: if signing ever throws, the tests that need a signature fail
 * one by one with that error instead of the whole file failing to load.
 */
function signed(): Signed {
  signedCache ??= {
    sw: signWebhook({ ...base, secrets: SW }),
    hex: signWebhook({ ...base, scheme: 'hmac-sha256-hex', secrets: PARTNER }),
    acme: signWebhook({ ...base, scheme: 'hmac-sha256-hex', secrets: PARTNER }, { headerPrefix: 'X-Acme-' }),
    em: signWebhook(
      { ...base, scheme: 'hmac-sha256-base64', secrets: PARTNER },
      { headerNames: { signature: 'x-em-signature' } },
    ),
  };
  return signedCache;
}
const hexScheme = { scheme: 'hmac-sha256-hex' } as const;

const CASES: readonly Case[] = [
  { name: 'standard-webhooks', headers: ({ sw }) => sw, secrets: SW, expected: 'ok' },
  { name: 'Fetch Headers', headers: ({ sw }) => new Headers(sw), secrets: SW, expected: 'ok' },
  { name: 'Buffer body', headers: ({ sw }) => sw, body: Buffer.from(BODY), secrets: SW, expected: 'ok' },
  {
    name: 'ArrayBuffer body',
    headers: ({ sw }) => sw,
    body: new TextEncoder().encode(BODY).buffer,
    secrets: SW,
    expected: 'ok',
  },
  {
    name: 'one of several configured secrets',
    headers: ({ sw }) => sw,
    secrets: [SW_OTHER, SW],
    expected: 'ok',
  },
  {
    name: 'a malformed secret beside the right one',
    headers: ({ sw }) => sw,
    secrets: ['nope', SW],
    expected: 'ok',
  },
  {
    name: 'a malformed secret alone',
    headers: ({ sw }) => sw,
    secrets: ['nope'],
    expected: 'invalid_configuration',
  },
  { name: 'the wrong secret', headers: ({ sw }) => sw, secrets: SW_OTHER, expected: 'no_matching_signature' },
  {
    name: 'the right secret, expired',
    headers: ({ sw }) => sw,
    secrets: [{ value: SW, expiresAt: NOW }],
    expected: 'invalid_configuration',
  },
  {
    name: 'the right secret expired, another still valid',
    headers: ({ sw }) => sw,
    secrets: [{ value: SW, expiresAt: NOW }, SW_OTHER],
    expected: 'no_matching_signature',
  },
  {
    name: 'a different scheme than signed',
    headers: ({ sw }) => sw,
    secrets: SW,
    options: hexScheme,
    expected: 'missing_header',
  },
  {
    name: 'hmac-sha256-hex',
    headers: ({ hex }) => hex,
    secrets: PARTNER,
    options: hexScheme,
    expected: 'ok',
  },
  {
    name: 'hmac-sha256-hex in upper-case hex',
    headers: ({ hex }) => ({
      ...hex,
      'X-Webhook-Signature': `sha256=${hex['X-Webhook-Signature']?.slice(7).toUpperCase()}`,
    }),
    secrets: PARTNER,
    options: hexScheme,
    expected: 'ok',
  },
  {
    name: 'hmac-sha256-hex without sha256=',
    headers: ({ hex }) => ({ ...hex, 'X-Webhook-Signature': hex['X-Webhook-Signature']?.slice(7) ?? '' }),
    secrets: PARTNER,
    options: hexScheme,
    expected: 'malformed_header',
  },
  {
    name: 'hmac-sha256-hex with non-hex',
    headers: ({ hex }) => ({ ...hex, 'X-Webhook-Signature': 'sha256=zz' }),
    secrets: PARTNER,
    options: hexScheme,
    expected: 'malformed_header',
  },
  {
    name: 'hmac-sha256-hex with junk before the digest',
    headers: ({ hex }) => ({
      ...hex,
      'X-Webhook-Signature': `sha256=zz${hex['X-Webhook-Signature']?.slice(7)}`,
    }),
    secrets: PARTNER,
    options: hexScheme,
    expected: 'malformed_header',
  },
  {
    name: 'hmac-sha256-hex with junk after the digest',
    headers: ({ hex }) => ({ ...hex, 'X-Webhook-Signature': `${hex['X-Webhook-Signature']}zz` }),
    secrets: PARTNER,
    options: hexScheme,
    expected: 'malformed_header',
  },
  {
    name: 'hmac-sha256-base64 with junk before the digest',
    headers: ({ em }) => ({ ...em, 'x-em-signature': `!${em['x-em-signature']}` }),
    secrets: PARTNER,
    options: { scheme: 'hmac-sha256-base64', headerNames: { signature: 'x-em-signature' } },
    expected: 'malformed_header',
  },
  {
    name: 'hmac-sha256-base64, a well-formed digest without padding that does not match',
    headers: ({ em }) => ({ ...em, 'x-em-signature': 'AAAA' }),
    secrets: PARTNER,
    options: { scheme: 'hmac-sha256-base64', headerNames: { signature: 'x-em-signature' } },
    expected: 'no_matching_signature',
  },
  {
    name: 'hmac-sha256-base64, a well-formed digest with two padding characters that does not match',
    headers: ({ em }) => ({ ...em, 'x-em-signature': 'AA==' }),
    secrets: PARTNER,
    options: { scheme: 'hmac-sha256-base64', headerNames: { signature: 'x-em-signature' } },
    expected: 'no_matching_signature',
  },
  {
    name: 'hmac-sha256-base64 with junk after the digest',
    headers: ({ em }) => ({ ...em, 'x-em-signature': `${em['x-em-signature']}!` }),
    secrets: PARTNER,
    options: { scheme: 'hmac-sha256-base64', headerNames: { signature: 'x-em-signature' } },
    expected: 'malformed_header',
  },
  {
    name: 'hmac-sha256-hex: the unsigned timestamp is still checked',
    headers: ({ hex }) => ({ ...hex, 'X-Webhook-Timestamp': '1' }),
    secrets: PARTNER,
    options: hexScheme,
    expected: 'timestamp_out_of_tolerance',
  },
  {
    name: 'X-Acme- prefix, verifier told',
    headers: ({ acme }) => acme,
    secrets: PARTNER,
    options: { ...hexScheme, headerPrefix: 'X-Acme-' },
    expected: 'ok',
  },
  {
    name: 'X-Acme- prefix, verifier not told',
    headers: ({ acme }) => acme,
    secrets: PARTNER,
    options: hexScheme,
    expected: 'missing_header',
  },
  {
    name: 'x-em-signature',
    headers: ({ em }) => em,
    secrets: PARTNER,
    options: { scheme: 'hmac-sha256-base64', headerNames: { signature: 'x-em-signature' } },
    expected: 'ok',
  },
  {
    name: 'headerPrefix ignored by standard-webhooks',
    headers: ({ sw }) => sw,
    secrets: SW,
    options: { headerPrefix: 'X-Acme-' },
    expected: 'ok',
  },
  {
    name: 'tolerance 0 at the signing second',
    headers: ({ sw }) => sw,
    secrets: SW,
    options: { toleranceSeconds: 0 },
    expected: 'ok',
  },
  {
    name: 'tolerance 0 one second later',
    headers: ({ sw }) => sw,
    secrets: SW,
    options: { toleranceSeconds: 0, now: new Date(NOW.getTime() + 1000) },
    expected: 'timestamp_out_of_tolerance',
  },
  {
    name: 'an unknown scheme',
    headers: ({ sw }) => sw,
    secrets: SW,
    options: { scheme: 'md5' as 'standard-webhooks' },
    expected: 'invalid_configuration',
  },
  {
    name: 'a negative tolerance',
    headers: ({ sw }) => sw,
    secrets: SW,
    options: { toleranceSeconds: -1 },
    expected: 'invalid_configuration',
  },
  {
    name: 'an invalid now',
    headers: ({ sw }) => sw,
    secrets: SW,
    options: { now: new Date(Number.NaN) },
    expected: 'invalid_configuration',
  },
  {
    name: 'an invalid header prefix',
    headers: ({ hex }) => hex,
    secrets: PARTNER,
    options: { ...hexScheme, headerPrefix: 'X Acme' },
    expected: 'invalid_configuration',
  },
];

describe('verifyWebhook', () => {
  for (const c of CASES) {
    test(`${c.name} → ${c.expected}`, () => {
      const result = verifyWebhook(c.body ?? BODY, c.headers(signed()), c.secrets, {
        now: NOW,
        ...c.options,
      });
      assert.equal(result.ok ? 'ok' : result.error.code, c.expected, JSON.stringify(result));
    });
  }

  test('returns the message: scheme, id, timestamp and body text', () => {
    const result = verifyWebhook(Buffer.from(BODY), signed().sw, SW, { now: NOW });
    assert.deepEqual(result, {
      ok: true,
      scheme: 'standard-webhooks',
      id: 'msg_1',
      timestamp: 1_700_000_000,
      body: BODY,
    });
  });

  test('reports the header at fault', () => {
    const { 'webhook-id': _, ...noId } = signed().sw;
    const result = verifyWebhook(BODY, noId, SW, { now: NOW });
    assert.deepEqual(result.ok ? null : result.error.header, 'webhook-id');
  });

  test('error messages never contain the secret or the expected signature', () => {
    const { sw } = signed();
    const result = verifyWebhook('{"tampered":true}', sw, SW, { now: NOW });
    assert.ok(!result.ok);
    assert.ok(!result.error.message.includes(SW.slice(6, 20)));
    assert.ok(!result.error.message.includes(sw['webhook-signature']?.slice(3, 20) ?? '?'));
  });
});

describe('verifyWebhookOrThrow', () => {
  test('returns the verified webhook', () => {
    assert.equal(verifyWebhookOrThrow(BODY, signed().sw, SW, { now: NOW }).id, 'msg_1');
  });

  test('throws WebhookVerificationError with the code', () => {
    assert.throws(
      () => verifyWebhookOrThrow('{}', signed().sw, SW, { now: NOW }),
      (error: unknown) => error instanceof WebhookVerificationError && error.code === 'no_matching_signature',
    );
  });
});
