import type { BenchContext } from '../harness/context.js';
import { receiptsOf, setUpTenant } from '../harness/endpoints.js';
import type { ServiceProcess } from '../harness/service-process.js';
import { longestGap, missingText, resumeOfNewEvents } from '../stats/accounting.js';
import { runSteady, withoutArrays } from './steady.js';

/** Issue 6's case: 500 events/s while the worker, then the router, is killed with SIGKILL. */
const RATE = 500;
/** Steady traffic before the first kill and after each recovery, ms: deliveries are flowing at each kill. */
const SETTLE_MS = 5_000;
/** Bound on waiting for deliveries to resume after a restart, ms. */
const RESUME_TIMEOUT_MS = 120_000;

interface Kill {
  service: string;
  killedAtMs: number;
  /** ms from the kill until the new process answered /health/ready. */
  restartReadyMs: number | null;
  /** ms from the kill until the receiver counted new deliveries again (null: not within the bound). */
  resumedAfterMs: number | null;
  error?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the receiver's count for the crash phase grows past `from`; returns when, or null. */
async function waitForGrowth(ctx: BenchContext, from: number, timeoutMs: number): Promise<number | null> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const count = (await ctx.receiver.counts(['crash'], 'crash')).crash ?? 0;
    if (count > from) return Date.now();
    await sleep(100);
  }
  return null;
}

/**
 * 6. Crash recovery: traffic at 500 events/s; kill -9 of the worker, restart at once (as a
 * supervisor would), and once deliveries flow again for a few seconds, kill -9 of the router
 * and restart it; producing stops a few seconds after that recovery. Lost must be 0 (every
 * produced event id reached the receiver); duplicates are requests repeating a webhook-id; the
 * gap is the longest time without any delivery after each kill.
 */
export async function crashScenario(ctx: BenchContext): Promise<void> {
  const tenant = await setUpTenant(ctx, 'crash', [{ label: 'crash' }]);
  const kills: Kill[] = [];
  const targets: ServiceProcess[] = [ctx.platform.worker, ctx.platform.router];
  const killer = async () => {
    await sleep(Math.max(SETTLE_MS, ctx.options.crashSeconds * 250));
    for (const service of targets) {
      const kill: Kill = {
        service: service.spec.name,
        killedAtMs: Date.now(),
        restartReadyMs: null,
        resumedAfterMs: null,
      };
      kills.push(kill);
      const before = (await ctx.receiver.counts(['crash'], 'crash')).crash ?? 0;
      ctx.log(`  crash: kill -9 ${service.spec.name} (pid ${service.pid})`);
      await service.kill9();
      try {
        await service.start();
        kill.restartReadyMs = Date.now() - kill.killedAtMs;
        ctx.log(`  crash: ${service.spec.name} restarted, ready ${kill.restartReadyMs} ms after the kill`);
      } catch (error) {
        kill.error = (error as Error).message;
        ctx.log(`  crash: restarting ${service.spec.name} failed: ${kill.error}`);
        return;
      }
      // "Resumed" = deliveries beyond those counted at the kill (in-flight ones may land just after it).
      const afterRestart = (await ctx.receiver.counts(['crash'], 'crash')).crash ?? 0;
      const resumedAt = await waitForGrowth(ctx, Math.max(before, afterRestart), RESUME_TIMEOUT_MS);
      kill.resumedAfterMs = resumedAt === null ? null : resumedAt - kill.killedAtMs;
      await sleep(SETTLE_MS);
    }
  };
  // Recovery takes the group's session timeout (30 s by default) and more: wait at least 120 s.
  const waitMs = Math.max(ctx.options.waitSeconds * 1000, 120_000);
  const outcome = await runSteady(
    ctx,
    'crash',
    tenant.tenantId,
    ['crash'],
    RATE,
    ctx.options.crashSeconds,
    waitMs,
    killer,
  );
  const result = outcome.byLabel.crash;
  if (!result) return;
  const times = result.account.receiveTimesMs;
  const end = times.at(-1) ?? Date.now();
  const receipts = await receiptsOf(ctx, 'crash', 'crash');
  const gaps = kills.map((kill, index) => {
    const next = kills[index + 1]?.killedAtMs ?? end;
    return {
      ...kill,
      longestGapMs: longestGap(times, kill.killedAtMs, next).gapMs,
      newEventsResumedAfterMs: resumeOfNewEvents(receipts, kill.killedAtMs),
    };
  });
  ctx.details.crashKills = gaps;
  ctx.details.crashAccount = withoutArrays(result.account);
  const account = result.account;
  ctx.rows.push({
    scenario: 'crash',
    label: `kill -9 worker, then router, at ${RATE}/s`,
    delivered: account.unique,
    expected: account.produced,
    p50Ms: result.latency.p50Ms,
    p99Ms: result.latency.p99Ms,
    maxMs: result.latency.maxMs,
    note: [
      missingText(account.lost, waitMs / 1000),
      `dup ${account.duplicatePct.toFixed(2)} % (${account.duplicates})`,
      ...gaps.map(
        (gap) =>
          `${gap.service} kill: gap ${(gap.longestGapMs / 1000).toFixed(1)} s, new events through after ${
            gap.newEventsResumedAfterMs === null
              ? 'never'
              : `${(gap.newEventsResumedAfterMs / 1000).toFixed(1)} s`
          }`,
      ),
    ].join('; '),
  });
}
