import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { SIGNATURE_SCHEME_NAMES } from '../core/schemes.js';
import { signWebhook } from '../signing/sign-webhook.js';
import type { VerificationErrorCode } from './errors.js';
import { MAX_HEADER_VALUE_LENGTH } from './read-headers.js';
import { verifyWebhook } from './verify-webhook.js';

/** Hostile and broken input: every case yields a typed error; nothing throws. */
const SECRET = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
const NOW = new Date(1_700_000_000_000);
const BODY = '{"ok":true}';
type Signed = Record<string, string>;
let signedCache: Signed | undefined;
/**
 * The genuine headers, built on first use inside a test: if signing ever throws, the tests fail one
 * by one with that error instead of the whole file failing to load.
 */
function signed(): Signed {
  signedCache ??= signWebhook({ msgId: 'msg_1', timestamp: NOW, body: BODY, secrets: SECRET });
  return signedCache;
}
const huge = 'A'.repeat(MAX_HEADER_VALUE_LENGTH + 1);

/** The genuine headers with one replaced (undefined deletes it). */
const withHeader =
  (name: string, value: string | string[] | undefined) =>
  (genuine: Signed): unknown => ({ ...genuine, [name]: value });

interface Case {
  readonly name: string;
  readonly body?: unknown;
  readonly headers: (genuine: Signed) => unknown;
  readonly secrets?: unknown;
  readonly expected: VerificationErrorCode;
}

const CASES: readonly Case[] = [
  { name: 'no headers at all', headers: () => ({}), expected: 'missing_header' },
  { name: 'headers null', headers: () => null, expected: 'missing_header' },
  { name: 'headers a string', headers: () => 'webhook-id: msg_1', expected: 'missing_header' },
  { name: 'empty id', headers: withHeader('webhook-id', ''), expected: 'malformed_header' },
  { name: 'empty timestamp', headers: withHeader('webhook-timestamp', ''), expected: 'malformed_header' },
  { name: 'empty signature', headers: withHeader('webhook-signature', ''), expected: 'malformed_header' },
  { name: 'blank signature', headers: withHeader('webhook-signature', '   '), expected: 'malformed_header' },
  { name: 'empty array for id', headers: withHeader('webhook-id', []), expected: 'missing_header' },
  { name: 'huge id', headers: withHeader('webhook-id', huge), expected: 'malformed_header' },
  { name: 'huge signature', headers: withHeader('webhook-signature', huge), expected: 'malformed_header' },
  {
    name: 'huge timestamp',
    headers: withHeader('webhook-timestamp', '9'.repeat(400)),
    expected: 'malformed_header',
  },
  {
    name: 'negative timestamp',
    headers: withHeader('webhook-timestamp', '-1'),
    expected: 'malformed_header',
  },
  {
    name: 'fractional timestamp',
    headers: withHeader('webhook-timestamp', '1700000000.5'),
    expected: 'malformed_header',
  },
  {
    name: 'timestamp with leading zero',
    headers: withHeader('webhook-timestamp', '01700000000'),
    expected: 'malformed_header',
  },
  { name: 'id with a dot', headers: withHeader('webhook-id', 'msg.1'), expected: 'malformed_header' },
  { name: 'id with CRLF', headers: withHeader('webhook-id', 'msg_1\r\nx: y'), expected: 'malformed_header' },
  {
    name: 'id as Node shows non-UTF-8 bytes (latin1)',
    headers: withHeader('webhook-id', 'msg_\u00e9\u00ff'),
    expected: 'malformed_header',
  },
  {
    name: 'timestamp in other digits',
    headers: withHeader('webhook-timestamp', '\u0661\u0667'),
    expected: 'malformed_header',
  },
  {
    name: 'non-ASCII signature',
    headers: withHeader('webhook-signature', `v1,\u00ff${'A'.repeat(43)}`),
    expected: 'no_matching_signature',
  },
  {
    name: 'duplicated id',
    headers: withHeader('webhook-id', ['msg_1', 'msg_2']),
    expected: 'malformed_header',
  },
  {
    name: 'duplicated identical id',
    headers: withHeader('webhook-id', ['msg_1', 'msg_1']),
    expected: 'malformed_header',
  },
  {
    name: 'duplicated signature header',
    headers: (genuine) => ({
      ...genuine,
      'webhook-signature': [genuine['webhook-signature'] ?? '', 'v1,AAAA'],
    }),
    expected: 'malformed_header',
  },
  {
    name: 'same header in two cases',
    headers: (genuine) => ({ ...genuine, 'Webhook-Id': 'msg_2' }),
    expected: 'malformed_header',
  },
  {
    name: 'Node-joined duplicate id',
    headers: withHeader('webhook-id', 'msg_1, msg_1'),
    expected: 'malformed_header',
  },
  {
    name: 'non-string header value',
    headers: withHeader('webhook-id', 42 as unknown as string),
    expected: 'malformed_header',
  },
  {
    name: 'body as a parsed object',
    body: { ok: true },
    headers: (genuine) => genuine,
    expected: 'invalid_body',
  },
  { name: 'body undefined', body: undefined, headers: (genuine) => genuine, expected: 'invalid_body' },
  { name: 'body null', body: null, headers: (genuine) => genuine, expected: 'invalid_body' },
  { name: 'empty body', body: '', headers: (genuine) => genuine, expected: 'no_matching_signature' },
  {
    name: 'non-UTF-8 body bytes',
    body: Uint8Array.of(0xff, 0xfe, 0x80),
    headers: (genuine) => genuine,
    expected: 'no_matching_signature',
  },
  { name: 'no secrets', headers: (genuine) => genuine, secrets: [], expected: 'invalid_configuration' },
  { name: 'empty secret', headers: (genuine) => genuine, secrets: '', expected: 'invalid_configuration' },
  {
    name: 'not a whsec secret',
    headers: (genuine) => genuine,
    secrets: 'whsec_not base64!',
    expected: 'invalid_configuration',
  },
  {
    name: 'secrets undefined',
    headers: (genuine) => genuine,
    secrets: undefined,
    expected: 'invalid_configuration',
  },
  { name: 'secrets a number', headers: (genuine) => genuine, secrets: 42, expected: 'invalid_configuration' },
  {
    name: 'secrets [null]',
    headers: (genuine) => genuine,
    secrets: [null],
    expected: 'invalid_configuration',
  },
  {
    name: 'secrets [undefined]',
    headers: (genuine) => genuine,
    secrets: [undefined],
    expected: 'invalid_configuration',
  },
  {
    name: 'an entry with nothing before its comma',
    headers: withHeader('webhook-signature', ',AAAA'),
    expected: 'malformed_header',
  },
  {
    name: 'the genuine signature under another version (v2,)',
    headers: (genuine) => ({
      ...genuine,
      'webhook-signature': genuine['webhook-signature']?.replace('v1,', 'v2,'),
    }),
    expected: 'no_matching_signature',
  },
  {
    name: 'a secret without a value',
    headers: (genuine) => genuine,
    secrets: [{ expiresAt: null }],
    expected: 'invalid_configuration',
  },
  {
    name: 'secret with a string expiry',
    headers: (genuine) => genuine,
    secrets: [{ value: SECRET, expiresAt: 'soon' }],
    expected: 'invalid_configuration',
  },
];

describe('bad input gives typed errors', () => {
  for (const c of CASES) {
    test(`${c.name} → ${c.expected}`, () => {
      const body = 'body' in c ? c.body : BODY;
      const secrets = 'secrets' in c ? c.secrets : SECRET;
      const result = verifyWebhook(
        body as string,
        c.headers(signed()) as Record<string, string>,
        secrets as string,
        {
          now: NOW,
        },
      );
      assert.equal(result.ok ? 'ok' : result.error.code, c.expected, JSON.stringify(result));
    });
  }

  test('a signature header of exactly 8 KiB is read; one character more is refused', () => {
    // README, "Bad input": header values are capped at 8,192 characters (8 KiB).
    const genuine = signed();
    const valid = genuine['webhook-signature'] ?? '';
    const padded = (length: number) => `${valid} v1,${'A'.repeat(length - valid.length - 4)}`;
    assert.equal(padded(8192).length, 8192);
    const atCap = verifyWebhook(BODY, { ...genuine, 'webhook-signature': padded(8192) }, SECRET, {
      now: NOW,
    });
    assert.equal(atCap.ok ? 'ok' : atCap.error.code, 'ok');
    const over = verifyWebhook(BODY, { ...genuine, 'webhook-signature': padded(8193) }, SECRET, { now: NOW });
    assert.deepEqual(over.ok ? 'ok' : [over.error.code, over.error.header], [
      'malformed_header',
      'webhook-signature',
    ]);
  });

  test('a header whose value is undefined counts as absent, not as a second copy', () => {
    // e.g. `{ ...req.headers, 'Webhook-Id': override }` with no override
    const headers = { ...signed(), 'Webhook-Id': undefined };
    const result = verifyWebhook(BODY, headers, SECRET, { now: NOW });
    assert.equal(result.ok ? 'ok' : result.error.code, 'ok');
  });

  test('a Map of headers is read, and keys that are not strings are ignored', () => {
    const headers = new Map<unknown, string>([[1, 'x'], ...Object.entries(signed())]);
    const result = verifyWebhook(BODY, headers as unknown as Headers, SECRET, { now: NOW });
    assert.equal(result.ok ? 'ok' : result.error.code, 'ok');
  });

  test('a parsed body gets a hint about raw bodies', () => {
    const result = verifyWebhook({ ok: true } as unknown as string, signed(), SECRET, { now: NOW });
    assert.ok(!result.ok);
    assert.match(result.error.message, /raw bytes/);
  });

  test('a 10 MB body signs and verifies; one changed byte does not', () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x61);
    const headers = signWebhook({ msgId: 'msg_big', timestamp: NOW, body: big, secrets: SECRET });
    assert.equal(verifyWebhook(big, headers, SECRET, { now: NOW }).ok, true);
    big[big.length - 1] = 0x62;
    assert.equal(verifyWebhook(big, headers, SECRET, { now: NOW }).ok, false);
  });

  test('non-UTF-8 body bytes sign and verify as bytes', () => {
    const bytes = Uint8Array.of(0xff, 0xfe, 0x80, 0x00, 0xc3);
    const headers = signWebhook({ msgId: 'msg_bin', timestamp: NOW, body: bytes, secrets: SECRET });
    assert.equal(verifyWebhook(bytes, headers, SECRET, { now: NOW }).ok, true);
  });

  test('a Fetch Headers with an appended duplicate id is refused', () => {
    const headers = new Headers(signed());
    headers.append('webhook-id', 'msg_2'); // Headers joins duplicates as "msg_1, msg_2"
    const result = verifyWebhook(BODY, headers, SECRET, { now: NOW });
    assert.equal(result.ok ? 'ok' : result.error.code, 'malformed_header');
  });

  test('arbitrary input never throws, for every scheme', () => {
    const headerValue = fc.oneof(fc.string(), fc.array(fc.string()), fc.constant(undefined), fc.anything());
    const headerName = fc.oneof(
      fc.constantFrom(
        'webhook-id',
        'webhook-timestamp',
        'webhook-signature',
        'X-Webhook-Signature',
        'x-webhook-timestamp',
      ),
      fc.string(),
    );
    const headersArb = fc.oneof(fc.dictionary(headerName, headerValue), fc.anything());
    const secretsArb = fc.oneof(
      fc.string(),
      fc.array(fc.oneof(fc.string(), fc.record({ value: fc.string() }))),
      fc.anything(),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.uint8Array(), fc.anything()),
        headersArb,
        secretsArb,
        fc.constantFrom(...SIGNATURE_SCHEME_NAMES),
        (body, headers, secrets, scheme) => {
          const result = verifyWebhook(body as string, headers as Headers, secrets as string, { scheme });
          assert.equal(typeof result.ok, 'boolean');
          if (!result.ok) assert.equal(typeof result.error.code, 'string');
        },
      ),
      { numRuns: 1000 },
    );
  });
});
