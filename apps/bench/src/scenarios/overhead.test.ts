import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { overheadRow } from './overhead.js';

describe('overheadRow', () => {
  it('reports the busiest receiver and bench process and the worst loop delay across phases', () => {
    const row = overheadRow({
      raw: { cpu: { processes: { receiver: 40, bench: 12 } }, receiverLoop: { eventLoopDelayP99Ms: 12.3 } },
      lat: {
        cpu: { processes: { receiver: 20, bench: 30 } },
        receiverLoop: { eventLoopDelayP99Ms: 3 },
        target: 1000,
        achievedPerSecond: 990,
      },
      match: { subscriptions: 100000 },
    });
    assert.match(row.note ?? '', /receiver ≤ 40 %/);
    assert.match(row.note ?? '', /bench process ≤ 30 %/);
    assert.match(row.note ?? '', /loop delay p99 ≤ 12\.3 ms/);
    assert.match(row.note ?? '', /generator on target/);
    assert.doesNotMatch(row.note ?? '', /bare undici/);
  });

  it("states the receiver's measured capacity when the probe ran", () => {
    assert.match(overheadRow({}, 12_345.6).note ?? '', /receiver takes ≥ 12,346 req\/s from bare undici/);
  });

  it('names a steady phase whose generator fell short of its target, and a burst produced barely faster than delivered', () => {
    const row = overheadRow({
      lat: { cpu: { processes: {} }, target: 1000, achievedPerSecond: 700 },
      fone: { cpu: { processes: {} }, producePerSecond: 1200, perSecond: 1000 },
      raw: { cpu: { processes: {} }, producePerSecond: 9000, perSecond: 3000 },
    });
    assert.match(row.note ?? '', /lat produced 700\/1000\/s/);
    assert.match(row.note ?? '', /fone produced 1200\/s for 1000 deliveries\/s/);
    assert.doesNotMatch(row.note ?? '', /raw produced/);
  });
});
