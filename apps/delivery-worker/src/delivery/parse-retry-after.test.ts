import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRetryAfter } from './parse-retry-after.js';

const now = new Date('2026-11-22T10:00:00.000Z');
const cases: Array<[header: string | string[] | undefined, expected: number | null]> = [
  [undefined, null],
  ['120', 120],
  [' 0 ', 0],
  [['30', '60'], 30],
  ['Sun, 22 Nov 2026 10:02:00 GMT', 120],
  ['Sun, 22 Nov 2026 09:00:00 GMT', 0],
  ['-5', null],
  ['1.5', null],
  ['soon', null],
  ['', null],
];
for (const [header, expected] of cases) {
  test(`Retry-After ${JSON.stringify(header)} → ${expected}`, () => {
    assert.equal(parseRetryAfter(header, now), expected);
  });
}
