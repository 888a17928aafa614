import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RETRY_TIERS, tierForDelay, tierHoldLimitMs } from './retry-tiers.js';
import { resolveTopics, retryTopicForDelay } from './topics.js';

const cases: Array<[waitMs: number, tier: string]> = [
  [0, '5s'],
  [4_000, '5s'],
  [6_000, '5s'], // 5 s + 20 % jitter
  [6_250, '5s'],
  [6_251, '30s'],
  [12_000, '30s'],
  [36_000, '30s'],
  [120_000, '2m'],
  [150_000, '2m'],
  [151_000, '15m'],
  [3_600_000, '1h'],
  [21_600_000, '6h'],
  [10 * 86_400_000, '6h'],
];
for (const [waitMs, tier] of cases) {
  test(`a wait of ${waitMs} ms goes to the ${tier} tier`, () => {
    assert.equal(tierForDelay(waitMs).name, tier);
  });
}

test('a record due later than its tier allows always moves to a strictly longer tier', () => {
  for (const [index, tier] of RETRY_TIERS.entries()) {
    const limit = tierHoldLimitMs(tier);
    if (!Number.isFinite(limit)) continue;
    const next = RETRY_TIERS.findIndex((candidate) => candidate.name === tierForDelay(limit + 1).name);
    assert.ok(next > index, `${tier.name} → ${RETRY_TIERS[next]?.name}`);
  }
});

test('the last tier may hold any wait', () => {
  assert.equal(
    tierHoldLimitMs(RETRY_TIERS[RETRY_TIERS.length - 1] as (typeof RETRY_TIERS)[number]),
    Number.POSITIVE_INFINITY,
  );
});

test('retryTopicForDelay names the topic of the tier a wait belongs to', () => {
  const topics = resolveTopics('t.');
  assert.equal(retryTopicForDelay(topics, 5_000), 't.deliveries.retry.5s');
  assert.equal(retryTopicForDelay(topics, 12_000), 't.deliveries.retry.30s');
  assert.equal(retryTopicForDelay(topics, 10 * 86_400_000), 't.deliveries.retry.6h');
  assert.deepEqual(
    topics.retry.map((entry) => entry.holdLimitMs),
    RETRY_TIERS.map((tier) => tierHoldLimitMs(tier)),
  );
});
