import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { generateSecret } from '../signing/secrets.js';
import { signWebhook } from '../signing/sign-webhook.js';
import { verifyWebhook } from './verify-webhook.js';

/**
 * Cross-verification with the reference implementation (the `standardwebhooks` npm package):
 * theirs verifies what we sign, ours verifies what they sign. Their verifier reads the clock, so
 * these messages are signed "now".
 */

/** Secrets of every length the specification allows (24-64 bytes), as whsec_ strings. */
const secretArb = fc
  .uint8Array({ minLength: 24, maxLength: 64 })
  .map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`);
/** Message ids as senders make them: visible ASCII without '.'. */
const idArb = fc
  .string({
    minLength: 1,
    maxLength: 64,
    unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789_-:'),
  })
  .map((s) => `msg_${s}`);
/** Bodies with any Unicode text, including astral characters, as UTF-8 strings. */
const bodyArb = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 2000 }), fc.json());

describe('interop with the standardwebhooks package', () => {
  test('theirs verifies ours, for any secret, id and body', () => {
    fc.assert(
      fc.property(secretArb, idArb, bodyArb, (secret, msgId, body) => {
        const headers = signWebhook({ msgId, body, secrets: secret });
        new Webhook(secret).verify(body, headers, { jsonParse: false }); // throws if it does not verify
      }),
      { numRuns: 300 },
    );
  });

  test('ours verifies theirs, for any secret, id and body', () => {
    fc.assert(
      fc.property(secretArb, idArb, bodyArb, (secret, msgId, body) => {
        const now = new Date();
        const headers = {
          'webhook-id': msgId,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': new Webhook(secret).sign(msgId, now, body),
        };
        const result = verifyWebhook(body, headers, secret, { now });
        assert.equal(result.ok, true, JSON.stringify(result));
      }),
      { numRuns: 300 },
    );
  });

  test('theirs verifies ours during a rotation, with either secret', () => {
    const oldSecret = generateSecret();
    const newSecret = generateSecret();
    const headers = signWebhook({
      msgId: 'msg_rotation',
      body: '{"a":1}',
      secrets: [{ value: oldSecret }, { value: newSecret }],
    });
    assert.equal(headers['webhook-signature']?.split(' ').length, 2);
    for (const secret of [oldSecret, newSecret]) {
      new Webhook(secret).verify('{"a":1}', headers, { jsonParse: false });
    }
  });

  test('theirs rejects ours under another secret (the check is not vacuous)', () => {
    const headers = signWebhook({ msgId: 'msg_x', body: '{}', secrets: generateSecret() });
    assert.throws(() => new Webhook(generateSecret()).verify('{}', headers));
  });
});
