import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { getSignatureScheme, SIGNATURE_SCHEME_NAMES, type SignatureSchemeName } from '../core/schemes.js';
import { signWebhook } from '../signing/sign-webhook.js';
import { verifyWebhook } from './verify-webhook.js';

/** Property tests over every scheme: round trips, tamper detection, expiry. */
const RUNS = 200;

const secretArb = (scheme: SignatureSchemeName): fc.Arbitrary<string> =>
  getSignatureScheme(scheme).key === 'whsec-base64'
    ? fc
        .uint8Array({ minLength: 24, maxLength: 64 })
        .map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`)
    : fc.string({ minLength: 1, maxLength: 80, unit: 'binary' }); // partner secrets: any text
const idArb = fc.string({ minLength: 1, maxLength: 40, unit: fc.constantFrom(...'abcdefXYZ0123456789_-') });
const timestampArb = fc.integer({ min: 0, max: 4_102_444_800 }); // 1970 to 2100, Unix seconds
/** Bodies as text (sent as UTF-8) or as arbitrary bytes, non-UTF-8 included. */
const bodyArb = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 1500 }),
  fc.uint8Array({ maxLength: 1500 }),
);

const toBytes = (body: string | Uint8Array): Uint8Array =>
  typeof body === 'string' ? Buffer.from(body) : body;

/** Flips bits of one character (below U+0100) of a header value. */
function flipChar(value: string, index: number, mask: number): string {
  const at = index % value.length;
  return value.slice(0, at) + String.fromCharCode((value.charCodeAt(at) ^ mask) & 0xff) + value.slice(at + 1);
}

for (const scheme of SIGNATURE_SCHEME_NAMES) {
  const signs = getSignatureScheme(scheme).signs;
  const sent = fc.record({ secret: secretArb(scheme), msgId: idArb, timestamp: timestampArb, body: bodyArb });

  describe(`${scheme} properties`, () => {
    test('sign then verify round-trips', () => {
      fc.assert(
        fc.property(sent, ({ secret, msgId, timestamp, body }) => {
          const now = new Date(timestamp * 1000);
          const headers = signWebhook({ scheme, msgId, timestamp, body, secrets: secret });
          const result = verifyWebhook(body, headers, secret, { scheme, now });
          assert.ok(result.ok, JSON.stringify(result));
          assert.equal(result.body, Buffer.from(toBytes(body)).toString('utf8'));
          assert.equal(
            result.timestamp,
            getSignatureScheme(scheme).headers.timestamp === null ? null : timestamp,
          );
        }),
        { numRuns: RUNS },
      );
    });

    test('flipping any byte of the body fails', () => {
      const flip = fc.record({ index: fc.nat(), mask: fc.integer({ min: 1, max: 255 }) });
      fc.assert(
        fc.property(sent, flip, ({ secret, msgId, timestamp, body }, { index, mask }) => {
          const bytes = Uint8Array.from(toBytes(body));
          fc.pre(bytes.length > 0);
          const headers = signWebhook({ scheme, msgId, timestamp, body: bytes, secrets: secret });
          const at = index % bytes.length;
          bytes[at] = (bytes[at] ?? 0) ^ mask;
          const result = verifyWebhook(bytes, headers, secret, { scheme, now: new Date(timestamp * 1000) });
          assert.equal(result.ok ? 'ok' : result.error.code, 'no_matching_signature');
        }),
        { numRuns: RUNS },
      );
    });

    for (const part of ['id', 'timestamp'] as const) {
      if (!signs.includes(part)) continue;
      test(`flipping any byte of the ${part} fails`, () => {
        const flip = fc.record({ index: fc.nat(), mask: fc.integer({ min: 1, max: 127 }) });
        fc.assert(
          fc.property(sent, flip, ({ secret, msgId, timestamp, body }, { index, mask }) => {
            const headers = signWebhook({ scheme, msgId, timestamp, body, secrets: secret });
            const name = Object.keys(headers).find((h) =>
              h.toLowerCase().endsWith(part === 'id' ? '-id' : '-timestamp'),
            );
            assert.ok(name !== undefined);
            const tampered = { ...headers, [name]: flipChar(headers[name] ?? '', index, mask) };
            // Tolerance off, so a changed timestamp must be caught by the signature, not the clock.
            const options = {
              scheme,
              now: new Date(timestamp * 1000),
              toleranceSeconds: Number.POSITIVE_INFINITY,
            };
            const result = verifyWebhook(body, tampered, secret, options);
            assert.ok(!result.ok);
            assert.ok(
              ['no_matching_signature', 'malformed_header'].includes(result.error.code),
              result.error.code,
            );
          }),
          { numRuns: RUNS },
        );
      });
    }

    test('an expired key verifies until its expiry and never after', () => {
      const timing = fc.record({
        validForMs: fc.integer({ min: 1, max: 600_000 }),
        afterMs: fc.nat(10 ** 9),
      });
      fc.assert(
        fc.property(sent, timing, ({ secret, msgId, timestamp, body }, { validForMs, afterMs }) => {
          const signedAt = new Date(timestamp * 1000);
          const headers = signWebhook({ scheme, msgId, timestamp, body, secrets: secret });
          const expiresAt = new Date(signedAt.getTime() + validForMs);
          const secrets = [{ value: secret, expiresAt }];
          const options = { scheme, toleranceSeconds: Number.POSITIVE_INFINITY };
          const before = verifyWebhook(body, headers, secrets, {
            ...options,
            now: new Date(expiresAt.getTime() - 1),
          });
          assert.ok(before.ok, JSON.stringify(before));
          const after = verifyWebhook(body, headers, secrets, {
            ...options,
            now: new Date(expiresAt.getTime() + afterMs),
          });
          assert.equal(after.ok, false);
        }),
        { numRuns: RUNS },
      );
    });
  });
}
