import type { BenchContext } from '../harness/context.js';

/** 7. Peak RSS of each service over the whole run (every incarnation, VmHWM and sampled VmRSS). */
export function rssScenario(ctx: BenchContext): void {
  for (const service of ctx.platform.services) service.sample();
  const peaks = Object.fromEntries(
    ctx.platform.services.map((service) => [service.spec.name, Math.round(service.peakRssMb)]),
  );
  ctx.details.peakRssMb = peaks;
  ctx.rows.push({
    scenario: 'rss',
    label: 'peak RSS per service',
    note: Object.entries(peaks)
      .map(([name, mb]) => `${name} ${mb} MB`)
      .join(', '),
  });
}
