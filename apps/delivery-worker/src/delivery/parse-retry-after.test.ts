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
  // RFC 9110 §5.6.7: recipients accept the two obsolete HTTP-date forms as well.
  ['Sunday, 22-Nov-26 10:02:00 GMT', 120],
  ['120abc', null],
  ['abc120', null],
  ['Sun, 22 Nov 2026 10:02:00 GMT garbage', null],
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

test('an HTTP-date is never waited for less than it asks: part seconds round up', () => {
  const halfSecondIn = new Date('2026-11-22T10:00:00.500Z');
  assert.equal(parseRetryAfter('Sun, 22 Nov 2026 10:02:00 GMT', halfSecondIn), 120);
});

test('an asctime date is UTC whatever the process time zone', () => {
  // RFC 9110 §5.6.7: all three HTTP-date forms are in GMT; only asctime does not say so.
  const zone = process.env.TZ;
  process.env.TZ = 'America/New_York'; // Node applies a TZ change at once
  try {
    assert.equal(parseRetryAfter('Sun Nov 22 10:02:00 2026', now), 120);
    assert.equal(parseRetryAfter('Sun Nov  6 08:49:37 1994', now), 0);
  } finally {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  }
});
