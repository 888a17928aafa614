import { benchDeliveryTask } from '../harness/bench-events.js';
import type { BenchContext } from '../harness/context.js';
import { setUpTenant } from '../harness/endpoints.js';
import type { RecordBuilder } from '../harness/producer.js';
import { missingText } from '../stats/accounting.js';
import { formatCpuPerDelivery } from '../stats/cpu-per-delivery.js';
import { LATENCY_RATE as RATE, reportSteadyLatency, runSteady } from './steady.js';
import { measureBurst, PLATFORM_CPU_NAMES, signatureNote } from './throughput.js';

/**
 * The platform without its router: the tasks the router would write, produced straight to the
 * deliveries topic, so the worker (signing, POST, attempt records in transactions, the API
 * storing them) runs alone. Beside `raw` and `platform` of the same run it splits the gap
 * between them into what the routing hop costs and what delivering costs: it is the ceiling of
 * a platform that routed and delivered in one process with the same worker. A burst, then
 * 1,000 tasks/s for the latency row's length.
 */
export async function workerOnlyScenario(
  ctx: BenchContext,
  rawPerSecond: number | null,
  platformPerSecond: number | null,
): Promise<void> {
  const tenant = await setUpTenant(ctx, 'wonly', [{ label: 'wonly' }]);
  const subscriptionId = tenant.subscriptionIds[0];
  if (subscriptionId === undefined) throw new Error('worker-only: no subscription was created');
  const tasksOf =
    (phase: string): RecordBuilder =>
    (seq, now) =>
      benchDeliveryTask(phase, ctx.run, seq, tenant.tenantId, subscriptionId, now);
  const deliveries = ctx.platform.topics.deliveries;
  const burst = await measureBurst(
    ctx,
    'wonly',
    deliveries,
    tasksOf('wonly'),
    tenant.labels,
    ctx.options.burstEvents,
    PLATFORM_CPU_NAMES,
  );
  const ratios = [
    rawPerSecond ? `${(burst.perSecond / rawPerSecond).toFixed(2)} of raw` : null,
    platformPerSecond ? `${(burst.perSecond / platformPerSecond).toFixed(2)} × platform` : null,
  ].filter((part) => part !== null);
  ctx.rows.push({
    scenario: 'worker',
    label: 'tasks straight to the worker',
    delivered: burst.delivered,
    expected: burst.expected,
    perSecond: burst.perSecond,
    note: `${signatureNote(burst)}${ratios.length > 0 ? `; ${ratios.join(', ')}` : ''}; ${missingText(burst.lost, burst.waitedSeconds)}, dup ${burst.duplicates}; CPU per delivery ${formatCpuPerDelivery(burst.cpuPerDelivery)}`,
  });

  const steady = await runSteady(
    ctx,
    'wlat',
    tenant.tenantId,
    tenant.labels,
    RATE,
    ctx.options.latencySeconds,
    ctx.options.waitSeconds * 1000,
    undefined,
    { topic: deliveries, build: tasksOf('wlat') },
  );
  reportSteadyLatency(ctx, 'wlat', steady, 'wonly', {
    scenario: 'worker',
    label: `tasks at a steady ${RATE}/s for ${ctx.options.latencySeconds} s`,
    note: 'task produced to received, no router',
  });
}
