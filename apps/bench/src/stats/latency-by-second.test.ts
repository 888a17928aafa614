import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { latencyBySecond } from './latency-by-second.js';

const start = 1_000_000;

describe('latencyBySecond', () => {
  const cases: Array<{
    name: string;
    sent: number[];
    latencies: number[];
    expected: ReturnType<typeof latencyBySecond>;
  }> = [
    { name: 'no deliveries', sent: [], latencies: [], expected: [] },
    {
      name: 'one second',
      sent: [start, start + 999],
      latencies: [10, 30],
      expected: [{ second: 0, deliveries: 2, p50Ms: 10, p99Ms: 30 }],
    },
    {
      name: 'a slow first second, then steady; an empty second is left out',
      sent: [start + 100, start + 200, start + 300, start + 1_500, start + 3_200, start + 3_900],
      latencies: [900, 700, 800, 40, 20, 60],
      expected: [
        { second: 0, deliveries: 3, p50Ms: 800, p99Ms: 900 },
        { second: 1, deliveries: 1, p50Ms: 40, p99Ms: 40 },
        { second: 3, deliveries: 2, p50Ms: 20, p99Ms: 60 },
      ],
    },
    {
      name: 'a send stamped before the phase counts in its first second; unparsable times are skipped',
      sent: [start - 5, Number.NaN, start + 10],
      latencies: [50, 1, 70],
      expected: [{ second: 0, deliveries: 2, p50Ms: 50, p99Ms: 70 }],
    },
  ];
  for (const { name, sent, latencies, expected } of cases) {
    it(name, () => assert.deepEqual(latencyBySecond(sent, latencies, start), expected));
  }
});
