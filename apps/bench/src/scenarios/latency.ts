import type { BenchContext } from '../harness/context.js';
import { setUpTenant } from '../harness/endpoints.js';
import { gatherHopTimes } from '../harness/hop-times.js';
import { hopsText, latencyByHop } from '../stats/latency-by-hop.js';
import { LATENCY_RATE as RATE, reportSteadyLatency, runSteady } from './steady.js';

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
  // Where the time went, hop by hop, read back after the phase (tasks from the deliveries topic,
  // attempt starts from the attempt log).
  const hops = latencyByHop(
    result.receipts,
    await gatherHopTimes(ctx, 'lat', result.account.produced, outcome.firstSendMs),
  );
  ctx.log(`  lat: by hop: ${hopsText(hops)}`);
  ctx.details.latencyByHop = hops;
  reportSteadyLatency(ctx, 'lat', outcome, 'lat', {
    scenario: 'latency',
    label: `steady ${RATE}/s for ${ctx.options.latencySeconds} s`,
    note: `by hop ${hopsText(hops)}`,
  });
}
