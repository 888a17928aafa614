import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Receipt } from './accounting.js';
import { type HopTimes, hopsText, latencyByHop } from './latency-by-hop.js';

const receipt = (eventId: string, sentAtMs: number, receivedAtMs: number): Receipt => ({
  eventId,
  webhookId: `msg_${eventId}`,
  sentAtMs,
  receivedAtMs,
  signatureOk: true,
});

const cases: Array<{
  name: string;
  receipts: Receipt[];
  hops: Array<[string, HopTimes]>;
  joined: number;
  route: [number, number] | null;
  handOver: [number, number] | null;
  send: [number, number] | null;
}> = [
  {
    name: 'one delivery: each hop is the difference of its two instants',
    receipts: [receipt('evt_1', 1_000, 1_030)],
    hops: [['evt_1', { routedAtMs: 1_004, attemptStartedAtMs: 1_025 }]],
    joined: 1,
    route: [4, 4],
    handOver: [21, 21],
    send: [5, 5],
  },
  {
    name: 'a duplicate receipt counts once, with the first one',
    receipts: [receipt('evt_1', 1_000, 1_030), receipt('evt_1', 1_000, 9_000)],
    hops: [['evt_1', { routedAtMs: 1_004, attemptStartedAtMs: 1_025 }]],
    joined: 1,
    route: [4, 4],
    handOver: [21, 21],
    send: [5, 5],
  },
  {
    name: 'an event without hop times, or without a send time, is left out',
    receipts: [
      receipt('evt_1', 1_000, 1_030),
      receipt('evt_2', 1_000, 1_050),
      receipt('evt_3', Number.NaN, 1_050),
    ],
    hops: [
      ['evt_1', { routedAtMs: 1_010, attemptStartedAtMs: 1_020 }],
      ['evt_3', { routedAtMs: 1_010, attemptStartedAtMs: 1_020 }],
    ],
    joined: 1,
    route: [10, 10],
    handOver: [10, 10],
    send: [10, 10],
  },
  {
    name: 'percentiles of each hop on their own (nearest rank over 100 deliveries)',
    receipts: Array.from({ length: 100 }, (_, index) => receipt(`evt_${index}`, 0, 100 + index)),
    hops: Array.from({ length: 100 }, (_, index): [string, HopTimes] => [
      `evt_${index}`,
      { routedAtMs: index + 1, attemptStartedAtMs: 100 },
    ]),
    joined: 100,
    route: [50, 99],
    handOver: [49, 98],
    send: [49, 98],
  },
  { name: 'nothing received', receipts: [], hops: [], joined: 0, route: null, handOver: null, send: null },
];

for (const { name, receipts, hops, joined, route, handOver, send } of cases) {
  test(`latency by hop: ${name}`, () => {
    const result = latencyByHop(receipts, new Map(hops));
    const pair = (summary: { p50Ms: number; p99Ms: number } | null) =>
      summary === null ? null : [summary.p50Ms, summary.p99Ms];
    assert.equal(result.joined, joined);
    assert.deepEqual(pair(result.route), route);
    assert.deepEqual(pair(result.handOver), handOver);
    assert.deepEqual(pair(result.send), send);
  });
}

test('the hop text names each hop, or says there is nothing', () => {
  const result = latencyByHop(
    [receipt('evt_1', 1_000, 1_030)],
    new Map([['evt_1', { routedAtMs: 1_004, attemptStartedAtMs: 1_025 }]]),
  );
  assert.equal(hopsText(result), 'route 4/4, hand-over 21/21, send 5/5 ms (p50/p99 of 1)');
  assert.equal(hopsText(latencyByHop([], new Map())), 'no delivery with all hop times');
});
