import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  HeaderNameError,
  type HeaderNameOptions,
  type ResolvedHeaderNames,
  resolveHeaderNames,
} from './header-names.js';
import { getSignatureScheme, type SignatureSchemeName } from './schemes.js';

const CASES: readonly [string, SignatureSchemeName, HeaderNameOptions, ResolvedHeaderNames][] = [
  [
    'standard-webhooks defaults',
    'standard-webhooks',
    {},
    { signature: 'webhook-signature', timestamp: 'webhook-timestamp', id: 'webhook-id' },
  ],
  [
    'standard-webhooks ignores a prefix',
    'standard-webhooks',
    { headerPrefix: 'X-Acme-' },
    { signature: 'webhook-signature', timestamp: 'webhook-timestamp', id: 'webhook-id' },
  ],
  [
    'hmac-sha256-hex defaults',
    'hmac-sha256-hex',
    {},
    { signature: 'X-Webhook-Signature', timestamp: 'X-Webhook-Timestamp', id: 'X-Webhook-ID' },
  ],
  [
    'hmac-sha256-hex with X-Acme-',
    'hmac-sha256-hex',
    { headerPrefix: 'X-Acme-' },
    { signature: 'X-Acme-Signature', timestamp: 'X-Acme-Timestamp', id: 'X-Acme-ID' },
  ],
  [
    'hmac-sha512-timestamp-hex with renamed headers',
    'hmac-sha512-timestamp-hex',
    { headerNames: { signature: 'X-Partner-Sig', timestamp: 'X-Partner-Time' } },
    { signature: 'X-Partner-Sig', timestamp: 'X-Partner-Time', id: null },
  ],
  [
    'hmac-sha256-base64 as x-em-signature',
    'hmac-sha256-base64',
    { headerNames: { signature: 'x-em-signature', id: 'ignored-no-id-header' } },
    { signature: 'x-em-signature', timestamp: null, id: null },
  ],
];

describe('resolveHeaderNames', () => {
  for (const [name, scheme, options, expected] of CASES) {
    test(name, () => assert.deepEqual(resolveHeaderNames(getSignatureScheme(scheme), options), expected));
  }

  const INVALID: readonly [string, HeaderNameOptions][] = [
    ['a space in the prefix', { headerPrefix: 'X Acme-' }],
    ['a colon in a name', { headerNames: { signature: 'x-sig:' } }],
    ['an empty name', { headerNames: { signature: '' } }],
    ['a newline in a name', { headerNames: { id: 'x-id\r\nx-evil' } }],
    ['two parts under one name (case-insensitive)', { headerNames: { signature: 'x-a', timestamp: 'X-A' } }],
  ];
  for (const [name, options] of INVALID) {
    test(`refuses ${name}`, () => {
      assert.throws(
        () => resolveHeaderNames(getSignatureScheme('hmac-sha256-hex'), options),
        (error: unknown) => error instanceof HeaderNameError && error.name === 'HeaderNameError',
      );
    });
  }
});
