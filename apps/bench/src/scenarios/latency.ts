import type { BenchContext } from '../harness/context.js';
import { setUpTenant } from '../harness/endpoints.js';
import { gatherHopTimes } from '../harness/hop-times.js';
import { missingText } from '../stats/accounting.js';
import { hopsText, latencyByHop } from '../stats/latency-by-hop.js';
import { LATENCY_RATE as RATE, runSteady } from './steady.js';

/** 4. Produce-to-receive latency at a steady 1,000 events/s, fan-out 1. */
export async function latencyScenario(ctx: BenchContext): Promise<void> {
  const tenant = await setUpTenant(ctx, 'lat', [{ label: 'lat' }]);
  const outcome = await runSteady(
    ctx,
    'lat',
    tenant.tenantId,
    tenant.labels,
    RATE,
    ctx.options.latencySeconds,
    ctx.options.waitSeconds * 1000,
  );
  const result = outcome.byLabel.lat;
  if (!result) return;
  // Warm-up and steady state apart: the phase's p99 alone mixes them.
  ctx.log(
    `  lat: p50/p99 ms by second of producing: ${result.bySecond.map((s) => `${s.p50Ms}/${s.p99Ms}`).join(' ')}`,
  );
  // Where the time went, hop by hop, read back after the phase (tasks from the deliveries topic,
  // attempt starts from the attempt log).
  const hops = latencyByHop(
    result.receipts,
    await gatherHopTimes(ctx, 'lat', result.account.produced, outcome.firstSendMs),
  );
  ctx.log(`  lat: by hop: ${hopsText(hops)}`);
  ctx.details.latencyByHop = hops;
  ctx.rows.push({
    scenario: 'latency',
    label: `steady ${RATE}/s for ${ctx.options.latencySeconds} s`,
    delivered: result.account.unique,
    expected: result.account.produced,
    p50Ms: result.latency.p50Ms,
    p99Ms: result.latency.p99Ms,
    maxMs: result.latency.maxMs,
    note: `produced at ${Math.round(outcome.achievedPerSecond)}/s; ${missingText(result.account.lost, ctx.options.waitSeconds)}; by hop ${hopsText(hops)}`,
  });
}
