import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenBuckets } from './token-bucket.js';

test('a key may burst, is then refused with a Retry-After, and refills at the sustained rate', () => {
  const buckets = new TokenBuckets({ perSecond: 2, burst: 3 });
  const steps: Array<[atMs: number, expected: boolean | number]> = [
    [0, true],
    [0, true],
    [0, true],
    [0, 1], // empty: one token comes after 0.5 s, announced as 1 s (whole seconds)
    [499, 1],
    [500, true],
    [500, 1],
    [10_000, true], // idle long enough: full again, but never above the burst
    [10_000, true],
    [10_000, true],
    [10_000, 1],
  ];
  for (const [atMs, expected] of steps) {
    const result = buckets.take('key_a', atMs);
    if (expected === true) assert.deepEqual(result, { allowed: true }, `at ${atMs} ms`);
    else assert.deepEqual(result, { allowed: false, retryAfterSeconds: expected }, `at ${atMs} ms`);
  }
});

test('keys have separate buckets', () => {
  const buckets = new TokenBuckets({ perSecond: 1, burst: 1 });
  assert.equal(buckets.take('key_a', 0).allowed, true);
  assert.equal(buckets.take('key_a', 0).allowed, false);
  assert.equal(buckets.take('key_b', 0).allowed, true);
});

test('a slow sustained rate announces a longer wait', () => {
  const buckets = new TokenBuckets({ perSecond: 0.2, burst: 1 });
  buckets.take('key_a', 0);
  assert.deepEqual(buckets.take('key_a', 0), { allowed: false, retryAfterSeconds: 5 });
});

test('check looks without taking: a key stays allowed until take empties it, then refills', () => {
  const buckets = new TokenBuckets({ perSecond: 0.5, burst: 2 });
  assert.deepEqual(buckets.check('ip', 0), { allowed: true }, 'an unseen key has tokens');
  assert.deepEqual(buckets.check('ip', 0), { allowed: true }, 'checking took nothing');
  buckets.take('ip', 0);
  buckets.take('ip', 0);
  assert.deepEqual(buckets.check('ip', 0), { allowed: false, retryAfterSeconds: 2 });
  assert.deepEqual(buckets.check('ip', 2_000), { allowed: true }, 'one token back after 2 s');
});
