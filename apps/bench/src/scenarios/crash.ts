import type { BenchContext } from '../harness/context.js';
import { setUpTenant } from '../harness/endpoints.js';
import type { ServiceProcess } from '../harness/service-process.js';
import { longestGap } from '../stats/accounting.js';
import { runSteady, withoutArrays } from './steady.js';

/** Issue 6's case: 500 events/s; kill -9 the worker at 25 % of the run, the router at 60 %. */
const RATE = 500;
const KILLS: Array<{ at: number; service: 'worker' | 'router' }> = [
  { at: 0.25, service: 'worker' },
  { at: 0.6, service: 'router' },
];

interface Kill {
  service: string;
  killedAtMs: number;
  /** ms from the kill until the new process answered /health/ready. */
  restartReadyMs: number | null;
  error?: string;
}

/**
 * 6. Crash recovery: kill -9 of the worker, then of the router, mid-run, each restarted at once
 * (a supervisor's job). Lost must be 0 (every produced event id reached the receiver);
 * duplicates are requests repeating a webhook-id; the gap is the longest time without any
 * delivery after each kill.
 */
export async function crashScenario(ctx: BenchContext): Promise<void> {
  const tenant = await setUpTenant(ctx, 'crash', [{ label: 'crash' }]);
  const seconds = ctx.options.crashSeconds;
  const kills: Kill[] = [];
  const services: Record<'worker' | 'router', ServiceProcess> = {
    worker: ctx.platform.worker,
    router: ctx.platform.router,
  };
  const killer = async () => {
    const started = Date.now();
    for (const { at, service } of KILLS) {
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, started + at * seconds * 1000 - Date.now())),
      );
      const process = services[service];
      const kill: Kill = { service: process.spec.name, killedAtMs: Date.now(), restartReadyMs: null };
      kills.push(kill);
      ctx.log(`  crash: kill -9 ${process.spec.name} (pid ${process.pid})`);
      await process.kill9();
      try {
        await process.start();
        kill.restartReadyMs = Date.now() - kill.killedAtMs;
        ctx.log(`  crash: ${process.spec.name} restarted, ready ${kill.restartReadyMs} ms after the kill`);
      } catch (error) {
        kill.error = (error as Error).message;
        ctx.log(`  crash: restarting ${process.spec.name} failed: ${kill.error}`);
      }
    }
  };
  // Recovery takes the group's session timeout (30 s by default) and more: wait at least 120 s.
  const waitMs = Math.max(ctx.options.waitSeconds * 1000, 120_000);
  const outcome = await runSteady(ctx, 'crash', tenant.tenantId, ['crash'], RATE, seconds, waitMs, killer);
  const result = outcome.byLabel.crash;
  if (!result) return;
  const times = result.account.receiveTimesMs;
  const end = times.at(-1) ?? Date.now();
  const gaps = kills.map((kill, index) => {
    const next = kills[index + 1]?.killedAtMs ?? end;
    return { ...kill, longestGapMs: longestGap(times, kill.killedAtMs, next).gapMs };
  });
  ctx.details.crashKills = gaps;
  ctx.details.crashAccount = withoutArrays(result.account);
  const account = result.account;
  ctx.rows.push({
    scenario: 'crash',
    label: `kill -9 worker then router at ${RATE}/s`,
    delivered: account.unique,
    expected: account.produced,
    p50Ms: result.latency.p50Ms,
    p99Ms: result.latency.p99Ms,
    maxMs: result.latency.maxMs,
    note: [
      `lost ${account.lost}`,
      `dup ${account.duplicatePct.toFixed(2)} % (${account.duplicates})`,
      ...gaps.map((gap) => `gap after ${gap.service} kill ${(gap.longestGapMs / 1000).toFixed(1)} s`),
    ].join('; '),
  });
}
