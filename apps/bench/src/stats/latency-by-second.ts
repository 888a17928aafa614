import { nearestRank } from './percentiles.js';

/** Latency of the deliveries whose events were produced in one second of a steady phase. */
export interface SecondOfPhase {
  /** Seconds since the phase's first produce (0 = the first second). */
  second: number;
  deliveries: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Splits a steady phase's latencies by the second their event was produced in, so warm-up
 * (the first seconds: new connections, JIT, a tenant's first match) and steady state can be
 * told apart; a single p99 over the phase mixes them. `sentAtMs[i]` belongs to
 * `latenciesMs[i]`. Seconds with no delivery are left out.
 */
export function latencyBySecond(
  sentAtMs: readonly number[],
  latenciesMs: readonly number[],
  phaseStartMs: number,
): SecondOfPhase[] {
  const bySecond = new Map<number, number[]>();
  sentAtMs.forEach((sentAt, index) => {
    const latency = latenciesMs[index];
    if (latency === undefined || !Number.isFinite(sentAt)) return;
    const second = Math.max(0, Math.floor((sentAt - phaseStartMs) / 1000));
    const list = bySecond.get(second) ?? [];
    list.push(latency);
    bySecond.set(second, list);
  });
  return [...bySecond.keys()]
    .sort((a, b) => a - b)
    .map((second) => {
      const sorted = (bySecond.get(second) ?? []).sort((a, b) => a - b);
      return {
        second,
        deliveries: sorted.length,
        p50Ms: nearestRank(sorted, 50) ?? 0,
        p99Ms: nearestRank(sorted, 99) ?? 0,
      };
    });
}
