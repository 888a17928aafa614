import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextRetryDelayMs } from './next-retry-delay.js';

const retry = (slowDown = false, retryAfterSeconds: number | null = null) =>
  ({ kind: 'retry', reason: 'HTTP 500', slowDown, retryAfterSeconds }) as const;
const policy = { maxAttempts: 8 };
const middle = () => 0.5; // no jitter
const lowest = () => 0; // -20 %
const highest = () => 1; // +20 %

const cases: Array<
  [
    name: string,
    attempt: number,
    verdict: ReturnType<typeof retry>,
    random: () => number,
    expected: number | null,
  ]
> = [
  ['after attempt 1: 5 s', 1, retry(), middle, 5_000],
  ['after attempt 2: 30 s', 2, retry(), middle, 30_000],
  ['after attempt 3: 2 min', 3, retry(), middle, 120_000],
  ['after attempt 4: 15 min', 4, retry(), middle, 900_000],
  ['after attempt 5: 1 h', 5, retry(), middle, 3_600_000],
  ['after attempt 6: 6 h', 6, retry(), middle, 21_600_000],
  ['after attempt 7: stays at 6 h', 7, retry(), middle, 21_600_000],
  ['after the last attempt: none left', 8, retry(), middle, null],
  ['jitter low end is -20 %', 1, retry(), lowest, 4_000],
  ['jitter high end is +20 %', 2, retry(), highest, 36_000],
  ['429/timeout waits one tier longer', 1, retry(true), middle, 30_000],
  ['slow-down at the top tier stays at 6 h', 6, retry(true), middle, 21_600_000],
  ['a longer Retry-After wins', 1, retry(true, 120), middle, 120_000],
  ['a shorter Retry-After does not shorten the schedule', 3, retry(false, 1), middle, 120_000],
  ['Retry-After is capped at 6 h', 1, retry(false, 10 * 86_400), middle, 21_600_000],
  ['jitter never exceeds the 6 h cap', 7, retry(), highest, 21_600_000],
];

for (const [name, attempt, verdict, random, expected] of cases) {
  test(name, () => {
    assert.equal(nextRetryDelayMs(attempt, verdict, policy, random), expected);
  });
}

test('a policy of one attempt never retries', () => {
  assert.equal(nextRetryDelayMs(1, retry(), { maxAttempts: 1 }, middle), null);
});
