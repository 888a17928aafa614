import type { BenchContext } from '../harness/context.js';

/** The processes whose idle CPU the row reports (the platform's; the bench's own are ~0). */
const PLATFORM_PROCESSES = ['broker', 'router', 'delivery-worker', 'subscription-api', 'postgres'];

/**
 * What the running platform costs with no traffic at all: each process's CPU (% of one core)
 * over `seconds` while nothing is produced. Consumers that poll, heartbeats, lag exporters and
 * the outbox relay cost this around the clock, and on a 2-core machine it is taken from every
 * burst measured afterwards.
 */
export async function idleScenario(ctx: BenchContext, seconds: number): Promise<void> {
  const endCpu = ctx.monitor.begin();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  const cpu = endCpu();
  ctx.details.idle = { seconds, cpu };
  const shares = PLATFORM_PROCESSES.map((name) => `${name} ${cpu.processes[name] ?? 0}`);
  ctx.log(`  idle: CPU % of a core ${JSON.stringify(cpu.processes)}`);
  ctx.rows.push({
    scenario: 'idle',
    label: `no traffic for ${seconds} s`,
    note: `CPU % of a core: ${shares.join(', ')}`,
  });
}
