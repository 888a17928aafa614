import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { decrypt, encrypt, isEncrypted, keyIdOf, rewrap } from './envelope.js';
import { Keyring } from './keyring.js';

const k1 = { id: 'k1', key: randomBytes(32) };
const k2 = { id: 'k2', key: randomBytes(32) };
const ringK1 = new Keyring([k1], 'k1');
const ringBoth = new Keyring([k1, k2], 'k2');
const ringK2 = new Keyring([k2], 'k2');
const context = 'sub_123/secret';

/** Flips one bit of the given dot-separated part of a ciphertext. */
function flip(value: string, partIndex: number): string {
  const parts = value.split('.');
  const bytes = Buffer.from(parts[partIndex] ?? '', 'base64url');
  bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x01;
  parts[partIndex] = bytes.toString('base64url');
  return parts.join('.');
}

describe('encrypt / decrypt', () => {
  for (const plaintext of [
    'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    '',
    'Bearer é🔑 ü',
    'x'.repeat(10_000),
  ]) {
    it(`round-trips ${JSON.stringify(plaintext.slice(0, 20))} (${plaintext.length} chars)`, () => {
      const sealed = encrypt(ringK1, plaintext, context);
      assert.ok(isEncrypted(sealed));
      assert.equal(keyIdOf(sealed), 'k1');
      assert.deepEqual(decrypt(ringK1, sealed, context), { ok: true, plaintext, keyId: 'k1' });
    });
  }

  it('never shows the plaintext, and encrypts the same value differently each time', () => {
    const secret = 'whsec_plain_text_marker_0123456789';
    const a = encrypt(ringK1, secret, context);
    const b = encrypt(ringK1, secret, context);
    assert.notEqual(a, b);
    for (const sealed of [a, b]) {
      assert.ok(!sealed.includes(secret));
      assert.ok(
        !Buffer.from(sealed.split('.')[3] ?? '', 'base64url')
          .toString('latin1')
          .includes(secret),
      );
    }
  });
});

describe('decrypt refuses what it cannot trust', () => {
  const sealed = encrypt(ringK1, 'whsec_abc', context);
  const otherKeySameId = new Keyring([{ id: 'k1', key: randomBytes(32) }], 'k1');
  const cases: ReadonlyArray<readonly [string, Keyring, string, string, string]> = [
    ['a flipped bit in the payload', ringK1, flip(sealed, 3), context, 'tampered'],
    ['a flipped bit in the wrapped key', ringK1, flip(sealed, 2), context, 'tampered'],
    ['another context (value copied to another subscription)', ringK1, sealed, 'sub_999/secret', 'tampered'],
    ['a different key under the same id', otherKeySameId, sealed, context, 'tampered'],
    [
      'a key id relabelled to another known key',
      ringBoth,
      sealed.replace('.k1.', '.k2.'),
      context,
      'tampered',
    ],
    ['a key the keyring does not hold', ringK2, sealed, context, 'unknown-key'],
    ['a truncated payload', ringK1, `${sealed.split('.').slice(0, 3).join('.')}.AAAA`, context, 'tampered'],
    ['a missing part', ringK1, sealed.split('.').slice(0, 3).join('.'), context, 'malformed'],
    ['characters outside base64url', ringK1, `${sealed}!`, context, 'malformed'],
    ['plain text', ringK1, 'whsec_abc', context, 'not-encrypted'],
    ['an empty string', ringK1, '', context, 'not-encrypted'],
  ];
  for (const [why, keyring, value, ctx, failure] of cases) {
    it(`${why} → ${failure}`, () => {
      const result = decrypt(keyring, value, ctx);
      assert.equal(result.ok, false);
      if (!result.ok) assert.equal(result.failure, failure);
    });
  }
});

describe('rotation', () => {
  it('keeps old values readable while a new key is active, and rewraps them onto it', () => {
    const old = encrypt(ringK1, 'whsec_rotate_me', context);
    assert.equal(decrypt(ringBoth, old, context).ok, true);
    const fresh = encrypt(ringBoth, 'whsec_new', context);
    assert.equal(keyIdOf(fresh), 'k2');

    const rewrapped = rewrap(ringBoth, old);
    assert.ok(rewrapped.ok && rewrapped.changed);
    if (!rewrapped.ok) return;
    assert.equal(keyIdOf(rewrapped.value), 'k2');
    // After the rewrap the old key can be dropped.
    assert.deepEqual(decrypt(ringK2, rewrapped.value, context), {
      ok: true,
      plaintext: 'whsec_rotate_me',
      keyId: 'k2',
    });
    assert.equal(decrypt(ringK1, rewrapped.value, context).ok, false);
  });

  it('leaves a value already under the active key unchanged (idempotent re-encryption)', () => {
    const current = encrypt(ringBoth, 'whsec_current', context);
    assert.deepEqual(rewrap(ringBoth, current), { ok: true, value: current, changed: false });
  });

  it('reports a value whose key is gone instead of throwing', () => {
    const old = encrypt(ringK1, 'whsec_lost', context);
    assert.deepEqual(rewrap(ringK2, old), { ok: false, failure: 'unknown-key', keyId: 'k1' });
    assert.deepEqual(rewrap(ringK2, 'plain'), { ok: false, failure: 'not-encrypted' });
  });
});

describe('Keyring', () => {
  it('refuses bad keys at construction', () => {
    assert.throws(() => new Keyring([{ id: 'k1', key: randomBytes(16) }], 'k1'), /needs 32/);
    assert.throws(() => new Keyring([k1], 'k9'), /not among the keys/);
    assert.throws(() => new Keyring([{ id: 'a.b', key: randomBytes(32) }], 'a.b'), /must match/);
    assert.throws(() => new Keyring([k1, k1], 'k1'), /twice/);
  });
});
