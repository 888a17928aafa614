import { benchEvent } from '../harness/bench-events.js';
import type { BenchContext } from '../harness/context.js';
import { receiptsOf, waitForDeliveries } from '../harness/endpoints.js';
import { produceSteady, type RecordBuilder } from '../harness/producer.js';
import type { ResultRow } from '../report/results.js';
import { accountDeliveries, type DeliveryAccount, missingText, type Receipt } from '../stats/accounting.js';
import { latencyBySecond, type SecondOfPhase } from '../stats/latency-by-second.js';
import { type LatencySummary, summarizeLatency } from '../stats/percentiles.js';

/** Events per second of the latency rows (issue 7's figure): the platform's, raw's and the worker's alone. */
export const LATENCY_RATE = 1_000;

export interface SteadyOutcome {
  producedIds: string[];
  achievedPerSecond: number;
  firstSendMs: number;
  lastAckMs: number;
  /** Per label: whether all arrived in the wait, the accounting and the latency summary. */
  byLabel: Record<
    string,
    {
      complete: boolean;
      account: DeliveryAccount;
      latency: LatencySummary;
      bySecond: SecondOfPhase[];
      /** What the receiver recorded for this label and phase, for further breakdowns. */
      receipts: Receipt[];
    }
  >;
}

/**
 * Produces `rate` events/s for `seconds` to a tenant's endpoints, waits (bounded) for the
 * deliveries of `waitLabels`, and accounts each label. `during` runs alongside the producing
 * (the crash scenario kills processes from it).
 */
export async function runSteady(
  ctx: BenchContext,
  phase: string,
  tenantId: string,
  waitLabels: string[],
  rate: number,
  seconds: number,
  waitMs: number,
  /** Runs alongside the producing; when given, producing lasts until it resolves (at most 5 min). */
  during?: () => Promise<void>,
  /** Where to produce what; default: bench events to the platform's events topic. */
  target?: { topic: string; build: RecordBuilder },
): Promise<SteadyOutcome> {
  const endCpu = ctx.monitor.begin();
  await ctx.receiver.loopDelay();
  const stop = new AbortController();
  const [produced] = await Promise.all([
    produceSteady(
      ctx.producer,
      target?.topic ?? ctx.platform.topics.events,
      phase,
      ctx.run,
      target?.build ?? ((seq, now) => benchEvent(phase, ctx.run, seq, tenantId, now)),
      rate,
      seconds * 1000,
      during ? { signal: stop.signal, maxDurationMs: 300_000 } : undefined,
    ),
    during?.().finally(() => stop.abort()),
  ]);
  ctx.log(
    `  ${phase}: produced ${produced.ids.length} events at ${Math.round(produced.achievedPerSecond)}/s (target ${rate}/s, ${produced.failedEvents} failed)`,
  );
  const complete = await waitForDeliveries(ctx, waitLabels, phase, produced.ids.length, waitMs);
  const cpu = endCpu();
  const loop = await ctx.receiver.loopDelay();
  const byLabel: SteadyOutcome['byLabel'] = {};
  for (const label of waitLabels) {
    const receipts = await receiptsOf(ctx, label, phase);
    const account = accountDeliveries(produced.ids, receipts);
    byLabel[label] = {
      complete,
      receipts,
      account,
      latency: summarizeLatency(account.firstLatenciesMs, produced.ids.length),
      bySecond: latencyBySecond(account.firstSentAtMs, account.firstLatenciesMs, produced.firstSendMs),
    };
  }
  ctx.details[phase] = {
    target: rate,
    seconds,
    achievedPerSecond: produced.achievedPerSecond,
    failedProduces: produced.failedEvents,
    valueBytes: produced.valueBytes,
    cpu,
    receiverLoop: loop,
    endpoints: Object.fromEntries(
      Object.entries(byLabel).map(([label, { complete: done, account, latency, bySecond }]) => [
        label,
        { complete: done, ...withoutArrays(account), latency, bySecond },
      ]),
    ),
  };
  ctx.log(
    `  ${phase}: CPU % of a core ${JSON.stringify(cpu.processes)}, machine ${cpu.machineBusyPct} % busy`,
  );
  return {
    producedIds: produced.ids,
    achievedPerSecond: produced.achievedPerSecond,
    firstSendMs: produced.firstSendMs,
    lastAckMs: produced.lastAckMs,
    byLabel,
  };
}

/** The account without its per-delivery arrays, for results.json. */
export function withoutArrays(
  account: DeliveryAccount,
): Omit<DeliveryAccount, 'firstLatenciesMs' | 'firstSentAtMs' | 'receiveTimesMs'> {
  const { firstLatenciesMs: _latencies, firstSentAtMs: _sent, receiveTimesMs: _times, ...rest } = account;
  return rest;
}

/**
 * Reports one label of a steady phase as a latency row: logs p50/p99 by second of producing
 * (warm-up and steady state apart: the phase's p99 alone mixes them) and pushes the row. Returns the label's result, or
 * undefined when the phase has none.
 */
export function reportSteadyLatency(
  ctx: BenchContext,
  phase: string,
  steady: SteadyOutcome,
  label: string,
  row: Pick<ResultRow, 'scenario' | 'label'> & { note: string },
): SteadyOutcome['byLabel'][string] | undefined {
  const result = steady.byLabel[label];
  if (!result) return undefined;
  ctx.log(
    `  ${phase}: p50/p99 ms by second of producing: ${result.bySecond.map((s) => `${s.p50Ms}/${s.p99Ms}`).join(' ')}`,
  );
  ctx.rows.push({
    ...row,
    delivered: result.account.unique,
    expected: result.account.produced,
    p50Ms: result.latency.p50Ms,
    p99Ms: result.latency.p99Ms,
    maxMs: result.latency.maxMs,
    note: `${row.note}; produced at ${Math.round(steady.achievedPerSecond)}/s; ${missingText(result.account.lost, ctx.options.waitSeconds)}`,
  });
  return result;
}
