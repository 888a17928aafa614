import type { BenchContext } from '../harness/context.js';
import { receiptsOf, setUpTenant, waitForDeliveries } from '../harness/endpoints.js';
import { accountDeliveries } from '../stats/accounting.js';
import { runSteady } from './steady.js';

/** Issue 6's case: 200 events/s, a second endpoint that answers after 10 s (inside the worker's timeout). */
const RATE = 200;
const SLOW_ENDPOINT_DELAY_MS = 10_000;
/**
 * The slow subscription's own timeout, where the API supports it (issue 6: default 10 s): the
 * 10-s answer must stay inside it, as in the issue's case, so the slow endpoint is slow, not failing.
 */
const SLOW_SUBSCRIPTION_TIMEOUT_MS = 15_000;

function ratioText(present: number | null, absent: number | null): string {
  if (absent === null || absent === 0) return 'ratio n/a';
  if (present === null) return 'ratio > wait';
  return `ratio ${(present / absent).toFixed(2)}`;
}

/**
 * 5. Head-of-line blocking: the healthy endpoint's p99 with no slow endpoint (tenant A), then
 * with a 10-s endpoint subscribed to the same events (tenant B); their ratio; and whether the
 * slow endpoint got all of its deliveries within a bounded wait.
 */
export async function holScenario(ctx: BenchContext): Promise<void> {
  const seconds = ctx.options.holSeconds;
  const waitMs = ctx.options.waitSeconds * 1000;
  const absentTenant = await setUpTenant(ctx, 'hola', [{ label: 'hola' }]);
  const absent = await runSteady(ctx, 'hola', absentTenant.tenantId, ['hola'], RATE, seconds, waitMs);
  const presentTenant = await setUpTenant(ctx, 'holb', [
    { label: 'holb' },
    { label: 'slow', delayMs: SLOW_ENDPOINT_DELAY_MS, timeoutMs: SLOW_SUBSCRIPTION_TIMEOUT_MS },
  ]);
  const present = await runSteady(ctx, 'holb', presentTenant.tenantId, ['holb'], RATE, seconds, waitMs);
  // Then give the slow endpoint its own bounded wait.
  const slowStarted = Date.now();
  const slowComplete = await waitForDeliveries(ctx, ['slow'], 'holb', present.producedIds.length, waitMs);
  const slow = accountDeliveries(present.producedIds, await receiptsOf(ctx, 'slow', 'holb'));
  const healthyAbsent = absent.byLabel.hola;
  const healthyPresent = present.byLabel.holb;
  if (!healthyAbsent || !healthyPresent) return;
  const ratio = ratioText(healthyPresent.latency.p99Ms, healthyAbsent.latency.p99Ms);
  ctx.details.holSlow = {
    complete: slowComplete,
    received: slow.unique,
    expected: slow.produced,
    duplicates: slow.duplicates,
    waitedAfterPhaseSeconds: (Date.now() - slowStarted) / 1000,
  };
  ctx.rows.push(
    {
      scenario: 'hol',
      label: `healthy, slow endpoint absent (${RATE}/s)`,
      delivered: healthyAbsent.account.unique,
      expected: healthyAbsent.account.produced,
      p50Ms: healthyAbsent.latency.p50Ms,
      p99Ms: healthyAbsent.latency.p99Ms,
      maxMs: healthyAbsent.latency.maxMs,
    },
    {
      scenario: 'hol',
      label: `healthy, 10-s endpoint present (${RATE}/s)`,
      delivered: healthyPresent.account.unique,
      expected: healthyPresent.account.produced,
      p50Ms: healthyPresent.latency.p50Ms,
      p99Ms: healthyPresent.latency.p99Ms,
      maxMs: healthyPresent.latency.maxMs,
      note: `${ratio} (present/absent p99)`,
    },
    {
      scenario: 'hol',
      label: '10-s endpoint itself',
      delivered: slow.unique,
      expected: slow.produced,
      note: `${slowComplete ? 'all' : 'not all'} received within ${ctx.options.waitSeconds} s after the healthy wait; timeout ${
        ctx.details['timeoutApplied.slow'] === true
          ? `${SLOW_SUBSCRIPTION_TIMEOUT_MS / 1000} s (subscription)`
          : "the worker's default"
      }`,
    },
  );
}
