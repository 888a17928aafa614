import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { decodeCursor, encodeCursor } from './cursor.js';

describe('time cursor', () => {
  test('round-trips a time and an id', () => {
    const cursor = { at: '2026-11-20T10:00:00.000Z', id: 'atm_01M80JB6KJR8WP8GDE1Y9BMF66' };
    assert.deepEqual(decodeCursor(encodeCursor(cursor)), cursor);
  });

  const refused: Array<[string, string]> = [
    ['not base64url', 'has spaces'],
    ['', 'empty'],
    [Buffer.from('no-bar').toString('base64url'), 'no separator'],
    [Buffer.from('yesterday|atm_1').toString('base64url'), 'not a time'],
    [Buffer.from('2026-11-20T10:00:00Z|DROP TABLE').toString('base64url'), 'not an id'],
    ['x'.repeat(401), 'too long'],
  ];
  for (const [text, why] of refused) {
    test(`refuses a cursor that is ${why}`, () => assert.equal(decodeCursor(text), null));
  }
});
