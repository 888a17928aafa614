import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bearerToken, generateApiKey, hashApiKey } from './api-key.js';

describe('bearerToken', () => {
  const cases: Array<[header: string | undefined, expected: string | null]> = [
    ['Bearer hsk_abc', 'hsk_abc'],
    ['bearer hsk_abc', 'hsk_abc'],
    ['Bearer   hsk_abc  ', 'hsk_abc'],
    ['Basic dXNlcjpwYXNz', null],
    ['Bearer', null],
    ['Bearer a b', null],
    ['', null],
    [undefined, null],
  ];
  for (const [header, expected] of cases) {
    test(`${JSON.stringify(header)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(bearerToken(header), expected);
    });
  }
});

test('generated keys are unique, prefixed and stored only as their hash', () => {
  const first = generateApiKey();
  const second = generateApiKey();
  assert.match(first.key, /^hsk_[A-Za-z0-9_-]{43}$/);
  assert.notEqual(first.key, second.key);
  assert.deepEqual(first.hash, hashApiKey(first.key));
  assert.equal(first.hash.length, 32);
  assert.ok(!first.displayHint.includes(first.key.slice(8, -4)), 'the hint must not reveal the key');
});
