import type { ResultRow } from '../report/results.js';

interface PhaseDetail {
  cpu?: { processes?: Record<string, number>; machineBusyPct?: number };
  receiverLoop?: { eventLoopDelayP99Ms?: number };
  target?: number;
  achievedPerSecond?: number;
}

/**
 * The bench's own overhead, from what each phase recorded: the busiest the receiver and the
 * bench process (generator) got, in % of one core, the receiver's worst event-loop delay p99,
 * and the steady phases' achieved rate against their target. A receiver far below 100 % with a
 * small loop delay, that also took the raw baseline's much higher rate, is not the bottleneck.
 */
export function overheadRow(details: Record<string, unknown>): ResultRow {
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
  }
  return {
    scenario: 'overhead',
    label: 'receiver and generator',
    note: [
      `receiver ≤ ${receiverCpu} % of a core`,
      `bench process ≤ ${benchCpu} %`,
      `receiver loop delay p99 ≤ ${loopP99.toFixed(1)} ms`,
      shortfalls.length > 0 ? `generator short: ${shortfalls.join(', ')}` : 'generator on target',
    ].join('; '),
  };
}
