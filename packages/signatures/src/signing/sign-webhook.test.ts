import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createSigner, type SignWebhookInput, signWebhook } from './sign-webhook.js';
import { SigningError, type SigningErrorCode } from './signing-error.js';

const SW = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const SW_OLD = 'whsec_//79/Pv6+fj39vX08/Lx8O/u7ezr6uno5+bl5OPi4eA=';
const NOW = new Date(1_700_000_000_500);
const base: SignWebhookInput = { msgId: 'msg_1', timestamp: NOW, body: '{}', secrets: SW, now: NOW };

describe('signWebhook', () => {
  test('a Date timestamp is floored to Unix seconds; a number is used as is', () => {
    assert.equal(signWebhook(base)['webhook-timestamp'], '1700000000');
    assert.equal(signWebhook({ ...base, timestamp: 1_600_000_000 })['webhook-timestamp'], '1600000000');
  });

  test('without a timestamp, signs at `now`', () => {
    const { timestamp: _, ...noTimestamp } = base;
    assert.equal(signWebhook(noTimestamp)['webhook-timestamp'], '1700000000');
  });

  test('a string body and its UTF-8 bytes give the same signature', () => {
    const text = '{"name":"Zoë 🎉"}';
    assert.deepEqual(signWebhook({ ...base, body: text }), signWebhook({ ...base, body: Buffer.from(text) }));
  });

  test('standard-webhooks signs with every unexpired secret, newest first', () => {
    const secrets = [
      { value: SW_OLD, createdAt: new Date(0), expiresAt: new Date(NOW.getTime() + 1) },
      { value: SW, createdAt: new Date(1) },
      { value: SW_OLD, createdAt: new Date(2), expiresAt: NOW }, // expired: skipped
    ];
    const [newest, older, ...rest] = (signWebhook({ ...base, secrets })['webhook-signature'] ?? '').split(
      ' ',
    );
    assert.equal(newest, signWebhook({ ...base, secrets: SW })['webhook-signature']);
    assert.equal(older, signWebhook({ ...base, secrets: SW_OLD })['webhook-signature']);
    assert.deepEqual(rest, []);
  });

  test('single-signature schemes sign with the newest secret only', () => {
    const secrets = [
      { value: 'new-secret', createdAt: new Date(2) },
      { value: 'old-secret', createdAt: new Date(1) },
    ];
    const both = signWebhook({ ...base, scheme: 'hmac-sha256-hex', secrets });
    assert.deepEqual(both, signWebhook({ ...base, scheme: 'hmac-sha256-hex', secrets: 'new-secret' }));
  });

  const FAILURES: readonly [string, Partial<SignWebhookInput>, SigningErrorCode][] = [
    ['an empty msgId', { msgId: '' }, 'invalid_message_id'],
    ['a msgId with a dot', { msgId: 'msg.1' }, 'invalid_message_id'],
    ['a msgId with CRLF', { msgId: 'msg_1\r\nX-Evil: 1' }, 'invalid_message_id'],
    ['a fractional timestamp', { timestamp: 1.5 }, 'invalid_timestamp'],
    ['a negative timestamp', { timestamp: -1 }, 'invalid_timestamp'],
    ['an invalid Date', { timestamp: new Date(Number.NaN) }, 'invalid_timestamp'],
    ['no secrets', { secrets: [] }, 'no_active_secret'],
    ['only expired secrets', { secrets: [{ value: SW, expiresAt: NOW }] }, 'no_active_secret'],
    ['a UUID for standard-webhooks', { secrets: '9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a' }, 'invalid_secret'],
    ['an empty partner secret', { scheme: 'hmac-sha256-base64', secrets: '' }, 'invalid_secret'],
    [
      'a secret value that is not text (untyped callers)',
      { scheme: 'hmac-sha256-hex', secrets: [{ value: 42 as unknown as string }] },
      'invalid_secret',
    ],
    ['an unknown scheme', { scheme: 'md5' as 'standard-webhooks' }, 'unknown_scheme'],
    ['a parsed body', { body: {} as string }, 'invalid_body'],
  ];
  for (const [name, change, code] of FAILURES) {
    test(`refuses ${name} with ${code}`, () => {
      assert.throws(
        () => signWebhook({ ...base, ...change }),
        (error: unknown) => error instanceof SigningError && error.code === code,
      );
    });
  }
});

describe('what a refusal says', () => {
  // SigningError messages go to the worker's logs and the attempt record: each says what to fix.
  const MESSAGES: readonly [string, Partial<SignWebhookInput>, RegExp][] = [
    ['an unknown scheme', { scheme: 'md5' as 'standard-webhooks' }, /^unknown signature scheme md5$/],
    ['a msgId with a dot', { msgId: 'msg.1' }, /^msgId must be 1-256 visible ASCII characters without "\."/],
    ['a parsed body', { body: {} as string }, /^body must be the string or bytes that will be sent$/],
    ['no secrets', { secrets: [] }, /^every secret has expired \(or none given\)$/],
    [
      'a fractional timestamp',
      { timestamp: 1.5 },
      /^timestamp must be a valid Date or Unix seconds, got 1\.5$/,
    ],
    [
      'a UUID for standard-webhooks',
      { secrets: '9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a' },
      /^a Standard Webhooks secret is whsec_ followed by padded base64$/,
    ],
    [
      'a 16-byte standard-webhooks secret',
      { secrets: 'whsec_AAECAwQFBgcICQoLDA0ODw==' },
      /^a Standard Webhooks secret decodes to 24-64 bytes, not 16$/,
    ],
    ['an empty partner secret', { scheme: 'hmac-sha256-base64', secrets: '' }, /^the secret is empty$/],
  ];
  for (const [name, change, message] of MESSAGES) {
    test(`${name} → ${message.source}`, () => {
      assert.throws(
        () => signWebhook({ ...base, ...change }),
        (error: unknown) =>
          error instanceof SigningError && error.name === 'SigningError' && message.test(error.message),
      );
    });
  }
});

describe('createSigner', () => {
  test('applies the deployment prefix to partner schemes and reports the names it uses', () => {
    const signer = createSigner({ headerPrefix: 'X-Acme-' });
    const headers = signer.sign({ ...base, scheme: 'hmac-sha512-timestamp-hex', secrets: 'partner' });
    assert.deepEqual(Object.keys(headers), ['X-Acme-Timestamp', 'X-Acme-Signature']);
    assert.equal(signer.headerNames('standard-webhooks').id, 'webhook-id');
  });

  test('refuses an invalid header name at creation, not at the first delivery', () => {
    assert.throws(
      () => createSigner({ headerNames: { signature: 'bad name' } }),
      (error: unknown) => error instanceof SigningError && error.code === 'invalid_header_name',
    );
  });
});
