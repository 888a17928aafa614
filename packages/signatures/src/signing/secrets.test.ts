import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { keyBytes } from '../core/keys.js';
import { GENERATED_SECRET_BYTES, generateSecret, maskSecret } from './secrets.js';

describe('generateSecret', () => {
  test('is whsec_ + base64 of 32 random bytes, usable as a Standard Webhooks key', () => {
    const secret = generateSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.equal(keyBytes('whsec-base64', secret).length, GENERATED_SECRET_BYTES);
  });

  test('does not repeat', () => {
    const secrets = new Set(Array.from({ length: 1000 }, generateSecret));
    assert.equal(secrets.size, 1000);
  });
});

describe('maskSecret', () => {
  const CASES: readonly [string, string][] = [
    ['whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=', '****Hh8='],
    ['9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a', '****4f5a'],
    ['abcdefghijkl', '****ijkl'],
    ['abcdefghijk', '****'], // too short to reveal 4 characters
    ['', '****'],
  ];
  for (const [secret, expected] of CASES) {
    test(`${JSON.stringify(secret)} → ${expected}`, () => assert.equal(maskSecret(secret), expected));
  }
});
