import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DEFAULT_SIGNATURE_SCHEME,
  getSignatureScheme,
  isSignatureSchemeName,
  SIGNATURE_SCHEME_NAMES,
  SIGNATURE_SCHEMES,
} from './schemes.js';

describe('SIGNATURE_SCHEMES table', () => {
  test('has one row per name, keyed by its own name', () => {
    assert.deepEqual(Object.keys(SIGNATURE_SCHEMES), [...SIGNATURE_SCHEME_NAMES]);
    for (const name of SIGNATURE_SCHEME_NAMES) assert.equal(getSignatureScheme(name).name, name);
  });

  test('standard-webhooks is the default and follows the specification', () => {
    assert.equal(DEFAULT_SIGNATURE_SCHEME, 'standard-webhooks');
    const sw = getSignatureScheme('standard-webhooks');
    assert.deepEqual(sw.signs, ['id', 'timestamp', 'body']);
    assert.equal(sw.signaturePrefix, 'v1,');
    assert.equal(sw.headers.prefix, null, 'spec header names must not take a deployment prefix');
  });

  for (const name of SIGNATURE_SCHEME_NAMES) {
    test(`${name}: every signed part is also sent`, () => {
      const scheme = getSignatureScheme(name);
      assert.equal(scheme.signs.at(-1), 'body');
      if (scheme.signs.includes('id')) assert.notEqual(scheme.headers.id, null);
      if (scheme.signs.includes('timestamp')) assert.notEqual(scheme.headers.timestamp, null);
    });
  }

  const NAMES: readonly [unknown, boolean][] = [
    ['standard-webhooks', true],
    ['hmac-sha512-timestamp-hex', true],
    ['HMAC-SHA256-HEX', false],
    ['', false],
    [undefined, false],
    [42, false],
  ];
  for (const [value, expected] of NAMES) {
    test(`isSignatureSchemeName(${JSON.stringify(value)}) is ${expected}`, () => {
      assert.equal(isSignatureSchemeName(value), expected);
    });
  }
});
