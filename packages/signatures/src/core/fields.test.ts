import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isValidMessageId, isValidUnixSeconds, MAX_MESSAGE_ID_LENGTH } from './fields.js';

describe('isValidMessageId', () => {
  const CASES: readonly [string, boolean][] = [
    ['msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', true],
    ['9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a', true],
    ['a', true],
    ['x'.repeat(MAX_MESSAGE_ID_LENGTH), true],
    ['x'.repeat(MAX_MESSAGE_ID_LENGTH + 1), false],
    ['', false],
    ['msg.1', false],
    ['msg 1', false],
    ['msg_1\n', false],
    ['msg_é', false],
  ];
  for (const [id, expected] of CASES) {
    test(`${JSON.stringify(id.slice(0, 40))} → ${expected}`, () =>
      assert.equal(isValidMessageId(id), expected));
  }
});

describe('isValidUnixSeconds', () => {
  const CASES: readonly [string, boolean][] = [
    ['0', true],
    ['1674087231', true],
    ['999999999999', true],
    ['1000000000000', false],
    ['01674087231', false],
    ['-1', false],
    ['1.5', false],
    ['1e9', false],
    [' 1', false],
    ['', false],
  ];
  for (const [value, expected] of CASES) {
    test(`${JSON.stringify(value)} → ${expected}`, () => assert.equal(isValidUnixSeconds(value), expected));
  }
});
