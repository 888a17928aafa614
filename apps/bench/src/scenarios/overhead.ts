import type { ResultRow } from '../report/results.js';

interface PhaseDetail {
  cpu?: { processes?: Record<string, number>; machineBusyPct?: number };
  receiverLoop?: { eventLoopDelayP99Ms?: number };
  target?: number;
  achievedPerSecond?: number;
  /** Burst phases: how fast the generator produced, and the deliveries/s measured. */
  producePerSecond?: number | null;
  perSecond?: number;
}

/** A burst's producing must outpace its deliveries by this factor for the generator not to be the limit. */
const PRODUCE_HEADROOM = 1.5;

/**
 * The bench's own overhead, from what each phase recorded: the busiest the receiver and the
 * bench process (generator) got, in % of one core, the receiver's worst event-loop delay p99,
 * the steady phases' achieved rate against their target, and whether each burst was produced
 * well faster than it was delivered (a burst's deliveries/s include its producing). A receiver far below 100 % with a
 * small loop delay, that also took the raw baseline's much higher rate, is not the bottleneck.
 */
export function overheadRow(
  details: Record<string, unknown>,
  receiverPerSecond: number | null = null,
): ResultRow {
  let receiverCpu = 0;
  let benchCpu = 0;
  let loopP99 = 0;
  const shortfalls: string[] = [];
  for (const [phase, value] of Object.entries(details)) {
    const detail = value as PhaseDetail;
    if (!detail || typeof detail !== 'object' || !detail.cpu) continue;
    receiverCpu = Math.max(receiverCpu, detail.cpu.processes?.receiver ?? 0);
    benchCpu = Math.max(benchCpu, detail.cpu.processes?.bench ?? 0);
    loopP99 = Math.max(loopP99, detail.receiverLoop?.eventLoopDelayP99Ms ?? 0);
    if (
      detail.target !== undefined &&
      detail.achievedPerSecond !== undefined &&
      detail.achievedPerSecond < detail.target * 0.95
    )
      shortfalls.push(`${phase} produced ${Math.round(detail.achievedPerSecond)}/${detail.target}/s`);
    if (
      typeof detail.producePerSecond === 'number' &&
      detail.perSecond !== undefined &&
      detail.producePerSecond < detail.perSecond * PRODUCE_HEADROOM
    )
      shortfalls.push(
        `${phase} produced ${Math.round(detail.producePerSecond)}/s for ${Math.round(detail.perSecond)} deliveries/s`,
      );
  }
  return {
    scenario: 'overhead',
    label: 'receiver and generator',
    note: [
      ...(receiverPerSecond === null
        ? []
        : [
            `receiver takes ≥ ${Math.round(receiverPerSecond).toLocaleString('en-US')} req/s from bare undici`,
          ]),
      `receiver ≤ ${receiverCpu} % of a core`,
      `bench process ≤ ${benchCpu} %`,
      `receiver loop delay p99 ≤ ${loopP99.toFixed(1)} ms`,
      shortfalls.length > 0 ? `generator short: ${shortfalls.join(', ')}` : 'generator on target',
    ].join('; '),
  };
}
