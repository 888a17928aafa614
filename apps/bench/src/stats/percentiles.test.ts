import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nearestRank, summarizeLatency } from './percentiles.js';

describe('nearestRank', () => {
  const cases: Array<{ values: number[]; p: number; expected: number | undefined }> = [
    { values: [], p: 50, expected: undefined },
    { values: [7], p: 1, expected: 7 },
    { values: [7], p: 100, expected: 7 },
    { values: [1, 2, 3, 4], p: 50, expected: 2 },
    { values: [1, 2, 3, 4], p: 51, expected: 3 },
    { values: Array.from({ length: 100 }, (_, i) => i + 1), p: 99, expected: 99 },
    { values: Array.from({ length: 1000 }, (_, i) => i + 1), p: 99, expected: 990 },
  ];
  for (const { values, p, expected } of cases) {
    it(`p${p} of ${values.length} values is ${expected}`, () =>
      assert.equal(nearestRank(values, p), expected));
  }
});

describe('summarizeLatency', () => {
  it('sorts its input and reports p50, p99 and max when everything arrived', () => {
    const latencies = Array.from({ length: 200 }, (_, i) => 200 - i);
    const summary = summarizeLatency(latencies, 200);
    assert.deepEqual(summary, {
      expected: 200,
      measured: 200,
      missing: 0,
      p50Ms: 100,
      p90Ms: 180,
      p99Ms: 198,
      maxMs: 200,
    });
  });

  it('counts missing deliveries as slower than any received: a p99 among them is unknown (null)', () => {
    const latencies = Array.from({ length: 95 }, () => 10);
    const summary = summarizeLatency(latencies, 100);
    assert.equal(summary.missing, 5);
    assert.equal(summary.p50Ms, 10);
    assert.equal(summary.p90Ms, 10);
    assert.equal(summary.p99Ms, null);
    assert.equal(summary.maxMs, null);
  });

  it('gives nulls, not zeros, when nothing arrived', () => {
    assert.deepEqual(summarizeLatency([], 3), {
      expected: 3,
      measured: 0,
      missing: 3,
      p50Ms: null,
      p90Ms: null,
      p99Ms: null,
      maxMs: null,
    });
  });

  it('never reports negative missing when more arrived than expected', () => {
    assert.equal(summarizeLatency([1, 2, 3], 2).missing, 0);
  });
});
