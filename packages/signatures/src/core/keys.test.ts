import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkSecret, clearKeyCache, hmacKeyFor, keyBytes, SecretFormatError } from './keys.js';
import { getSignatureScheme } from './schemes.js';

const B24 = Buffer.alloc(24, 7).toString('base64');

describe('keyBytes', () => {
  const VALID: readonly [string, 'whsec-base64' | 'utf8', string, Buffer][] = [
    ['whsec_ secret', 'whsec-base64', `whsec_${B24}`, Buffer.alloc(24, 7)],
    ['bare base64, as the reference libraries accept', 'whsec-base64', B24, Buffer.alloc(24, 7)],
    [
      '64-byte secret',
      'whsec-base64',
      `whsec_${Buffer.alloc(64, 1).toString('base64')}`,
      Buffer.alloc(64, 1),
    ],
    ['UUID partner secret as its UTF-8', 'utf8', '9f3b2c1e-7a4d', Buffer.from('9f3b2c1e-7a4d')],
    [
      'a whsec_ string under a utf8 scheme is not decoded',
      'utf8',
      `whsec_${B24}`,
      Buffer.from(`whsec_${B24}`),
    ],
    ['non-ASCII partner secret', 'utf8', 'clé', Buffer.from([0x63, 0x6c, 0xc3, 0xa9])],
  ];
  for (const [name, kind, secret, expected] of VALID) {
    test(name, () => assert.deepEqual(keyBytes(kind, secret), expected));
  }

  const INVALID: readonly [string, 'whsec-base64' | 'utf8', string][] = [
    ['empty', 'utf8', ''],
    ['empty whsec', 'whsec-base64', ''],
    ['prefix only', 'whsec-base64', 'whsec_'],
    ['not base64', 'whsec-base64', 'whsec_not*base64*at*all*but*long*enough'],
    ['unpadded base64', 'whsec-base64', `whsec_${Buffer.alloc(25).toString('base64').replace(/=+$/, '')}`],
    ['a UUID', 'whsec-base64', '9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a'],
    ['23 bytes, below the specification', 'whsec-base64', `whsec_${Buffer.alloc(23).toString('base64')}`],
    ['65 bytes, above it', 'whsec-base64', `whsec_${Buffer.alloc(65).toString('base64')}`],
  ];
  for (const [name, kind, secret] of INVALID) {
    test(`refuses ${name}`, () =>
      assert.throws(
        () => keyBytes(kind, secret),
        (error: unknown) => error instanceof SecretFormatError && error.name === 'SecretFormatError',
      ));
  }
});

describe('hmacKeyFor', () => {
  test('returns the cached KeyObject for a repeated secret', () => {
    const scheme = getSignatureScheme('standard-webhooks');
    const a = hmacKeyFor(scheme, `whsec_${B24}`);
    assert.equal(hmacKeyFor(scheme, `whsec_${B24}`), a);
    assert.equal(a.symmetricKeySize, 24);
  });

  test('clearKeyCache forgets every key', () => {
    const scheme = getSignatureScheme('hmac-sha256-hex');
    const before = hmacKeyFor(scheme, 'to-forget');
    clearKeyCache();
    assert.notEqual(hmacKeyFor(scheme, 'to-forget'), before);
  });

  test('holds 4,096 keys per key rule and forgets the oldest first', () => {
    // README, "Benchmark": one cache per key rule, each holding 4,096 entries with FIFO eviction.
    const scheme = getSignatureScheme('hmac-sha256-hex');
    clearKeyCache();
    const first = hmacKeyFor(scheme, 'first');
    for (let i = 1; i < 4096; i += 1) hmacKeyFor(scheme, `other-${i}`);
    assert.equal(hmacKeyFor(scheme, 'first'), first, 'the 4,096th entry still leaves the first cached');
    hmacKeyFor(scheme, 'one-more');
    assert.notEqual(hmacKeyFor(scheme, 'first'), first, 'the 4,097th pushed out the oldest');
    clearKeyCache();
  });

  test('keeps the two key rules apart for the same string', () => {
    const secret = `whsec_${B24}`;
    assert.equal(hmacKeyFor(getSignatureScheme('standard-webhooks'), secret).symmetricKeySize, 24);
    assert.equal(hmacKeyFor(getSignatureScheme('hmac-sha256-hex'), secret).symmetricKeySize, secret.length);
  });
});

describe('checkSecret', () => {
  test('accepts a UUID for a partner scheme and refuses it for standard-webhooks', () => {
    assert.deepEqual(checkSecret('hmac-sha256-hex', '9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a'), { ok: true });
    assert.equal(checkSecret('standard-webhooks', '9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a').ok, false);
  });
});

describe('checkSecret on an empty secret', () => {
  test('refuses it for every key rule, saying it is empty', () => {
    for (const scheme of ['standard-webhooks', 'hmac-sha256-hex'] as const) {
      assert.deepEqual(checkSecret(scheme, ''), { ok: false, message: 'the secret is empty' }, scheme);
    }
  });
});
