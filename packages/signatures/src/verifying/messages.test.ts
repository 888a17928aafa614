import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signWebhook } from '../signing/sign-webhook.js';
import { type VerificationErrorCode, WebhookVerificationError } from './errors.js';
import { type VerifyOptions, verifyWebhook, verifyWebhookOrThrow } from './verify-webhook.js';

// A failed verification is logged by the receiver and read by a person: each message says what is
// wrong and, for header faults, names the header (errors.ts: "For logs").
const SECRET = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const PARTNER = 'partner-secret';
const NOW = new Date(1_700_000_000_000);
const BODY = '{"ok":true}';
const hex = { scheme: 'hmac-sha256-hex' } as const;

type Headers = Record<string, unknown>;
/** Genuine headers for `scheme`, signed inside the test that asks, so a signing fault fails only it. */
const genuine = (options: VerifyOptions = {}, at: Date = NOW): Headers =>
  options.scheme === 'hmac-sha256-hex'
    ? signWebhook({ msgId: 'msg_1', timestamp: at, body: BODY, secrets: PARTNER, scheme: 'hmac-sha256-hex' })
    : signWebhook({ msgId: 'msg_1', timestamp: at, body: BODY, secrets: SECRET });

interface Case {
  readonly name: string;
  readonly headers?: (signed: Headers) => Headers;
  readonly body?: unknown;
  readonly secrets?: unknown;
  readonly options?: VerifyOptions;
  readonly signedAt?: Date;
  readonly code: VerificationErrorCode;
  readonly header?: string;
  readonly message: RegExp;
}

const without = (name: string) => (signed: Headers) => {
  const { [name]: _, ...rest } = signed;
  return rest;
};
const replace = (name: string, value: unknown) => (signed: Headers) => ({ ...signed, [name]: value });

const CASES: readonly Case[] = [
  {
    name: 'a missing id',
    headers: without('webhook-id'),
    code: 'missing_header',
    header: 'webhook-id',
    message: /^the webhook-id header is missing$/,
  },
  {
    name: 'an id sent twice',
    headers: replace('webhook-id', ['msg_1', 'msg_2']),
    code: 'malformed_header',
    header: 'webhook-id',
    message: /^the webhook-id header was sent 2 times; send it once$/,
  },
  {
    name: 'an id that is not text',
    headers: replace('webhook-id', 42),
    code: 'malformed_header',
    header: 'webhook-id',
    message: /^the webhook-id header is not text$/,
  },
  {
    name: 'an empty id',
    headers: replace('webhook-id', ''),
    code: 'malformed_header',
    header: 'webhook-id',
    message: /^the webhook-id header is empty$/,
  },
  {
    name: 'a signature header over 8 KiB',
    headers: replace('webhook-signature', `v1,${'A'.repeat(8190)}`),
    code: 'malformed_header',
    header: 'webhook-signature',
    message: /^the webhook-signature header is longer than 8192 characters$/,
  },
  {
    name: 'an id with the separator',
    headers: replace('webhook-id', 'msg.1'),
    code: 'malformed_header',
    header: 'webhook-id',
    message: /^the webhook-id header is not a valid message id$/,
  },
  {
    name: 'a timestamp that is not a number',
    headers: replace('webhook-timestamp', 'yesterday'),
    code: 'malformed_header',
    header: 'webhook-timestamp',
    message: /^the webhook-timestamp header is not Unix seconds$/,
  },
  {
    name: 'a timestamp 301 s old',
    signedAt: new Date(NOW.getTime() - 301_000),
    code: 'timestamp_out_of_tolerance',
    header: 'webhook-timestamp',
    message: /^the timestamp is 301 s old; the tolerance is 300 s$/,
  },
  {
    name: 'a timestamp 301 s in the future',
    signedAt: new Date(NOW.getTime() + 301_000),
    code: 'timestamp_out_of_tolerance',
    header: 'webhook-timestamp',
    message: /^the timestamp is 301 s in the future; the tolerance is 300 s$/,
  },
  {
    name: 'a signature header without any entry',
    headers: replace('webhook-signature', 'garbage'),
    code: 'malformed_header',
    header: 'webhook-signature',
    message: /^the webhook-signature header has no "version,signature" entry$/,
  },
  {
    name: 'a hex signature without its prefix',
    headers: replace('X-Webhook-Signature', 'abcdef'),
    options: hex,
    secrets: PARTNER,
    code: 'malformed_header',
    header: 'X-Webhook-Signature',
    message: /^the X-Webhook-Signature header must start with "sha256="$/,
  },
  {
    name: 'a hex signature that is not hex',
    headers: replace('X-Webhook-Signature', 'sha256=xyz'),
    options: hex,
    secrets: PARTNER,
    code: 'malformed_header',
    header: 'X-Webhook-Signature',
    message: /^the X-Webhook-Signature header is not a hex signature$/,
  },
  {
    name: 'the wrong secret',
    secrets: 'whsec_//79/Pv6+fj39vX08/Lx8O/u7ezr6uno5+bl5OPi4eA=',
    code: 'no_matching_signature',
    header: 'webhook-signature',
    message: /^no signature matched any unexpired secret$/,
  },
  {
    name: 'an unknown scheme',
    options: { scheme: 'md5' as 'standard-webhooks' },
    code: 'invalid_configuration',
    message: /^unknown signature scheme "md5"$/,
  },
  {
    name: 'a negative tolerance',
    options: { toleranceSeconds: -1 },
    code: 'invalid_configuration',
    message: /^toleranceSeconds must be a number >= 0$/,
  },
  {
    name: 'a tolerance that is not a number',
    options: { toleranceSeconds: '300' as unknown as number },
    code: 'invalid_configuration',
    message: /^toleranceSeconds must be a number >= 0$/,
  },
  {
    name: 'a NaN tolerance',
    options: { toleranceSeconds: Number.NaN },
    code: 'invalid_configuration',
    message: /^toleranceSeconds must be a number >= 0$/,
  },
  {
    name: 'an invalid now',
    options: { now: new Date(Number.NaN) },
    code: 'invalid_configuration',
    message: /^now must be a valid Date$/,
  },
  {
    name: 'an invalid header prefix',
    options: { ...hex, headerPrefix: 'X Acme-' },
    secrets: PARTNER,
    code: 'invalid_configuration',
    message: /^invalid HTTP header name "X Acme-Signature"$/,
  },
  {
    name: 'two parts under one header name',
    options: { ...hex, headerNames: { signature: 'x-a', timestamp: 'X-A' } },
    secrets: PARTNER,
    code: 'invalid_configuration',
    message: /^header names collide: x-a, X-A, X-Webhook-ID$/,
  },
  {
    name: 'secrets of the wrong type',
    secrets: 42,
    code: 'invalid_configuration',
    message: /^secrets must be a string or a list of strings and \{ value, expiresAt\? \}$/,
  },
  {
    name: 'only expired secrets',
    secrets: [{ value: SECRET, expiresAt: NOW }],
    code: 'invalid_configuration',
    message: /^no unexpired secret to verify with$/,
  },
  {
    name: 'only a malformed secret',
    secrets: 'not-a-whsec-secret',
    code: 'invalid_configuration',
    message: /^no signature matched, and a configured secret is malformed$/,
  },
  {
    name: 'no body (NestJS without rawBody: true)',
    body: undefined,
    code: 'invalid_body',
    message: /^no raw body: keep the bytes \(NestJS: .*rawBody: true.*Express: express\.raw\(\)\)$/,
  },
  {
    name: 'a null body',
    body: null,
    code: 'invalid_body',
    message: /^no raw body: keep the bytes/,
  },
  {
    name: 'a number body',
    body: 42,
    code: 'invalid_body',
    message: /^the body must be a string, Buffer, Uint8Array or ArrayBuffer, got number$/,
  },
  {
    name: 'a parsed body',
    body: { ok: true },
    code: 'invalid_body',
    message: /^the body must be .*, got object \(a parsed body\? Pass the raw bytes: express\.raw\(\)/,
  },
];

describe('failure messages say what is wrong', () => {
  for (const c of CASES) {
    test(`${c.name}: ${c.code}`, () => {
      const signed = genuine(c.options, c.signedAt);
      const headers = c.headers === undefined ? signed : c.headers(signed);
      const body = 'body' in c ? c.body : BODY;
      const secrets = 'secrets' in c ? c.secrets : SECRET;
      const result = verifyWebhook(body as string, headers as Record<string, string>, secrets as string, {
        now: NOW,
        ...c.options,
      });
      assert.ok(!result.ok, 'expected a failure');
      assert.equal(result.error.code, c.code);
      // The header is named for header faults and absent (not undefined) otherwise.
      assert.deepEqual(
        Object.keys(result.error),
        c.header === undefined ? ['code', 'message'] : ['code', 'message', 'header'],
      );
      assert.equal(result.error.header, c.header);
      assert.match(result.error.message, c.message);
    });
  }

  test('verifyWebhookOrThrow throws a WebhookVerificationError carrying code, header and message', () => {
    assert.throws(
      () => verifyWebhookOrThrow(BODY, without('webhook-id')(genuine()) as Record<string, string>, SECRET),
      (error: unknown) =>
        error instanceof WebhookVerificationError &&
        error.name === 'WebhookVerificationError' &&
        error.code === 'missing_header' &&
        error.header === 'webhook-id' &&
        error.message === 'the webhook-id header is missing',
    );
  });
});
