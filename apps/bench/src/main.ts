/**
 * ./hookstream bench: one run that measures the platform beside a raw baseline, and writes
 * results.json, results.md and chart.svg under bench-results/<timestamp>/. Everything it starts
 * (services, receiver, raw consumer), its database and its topics are removed at the end, on
 * an error, and on Ctrl-C.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hideKnownKafkajsWarnings } from '@hookstream/kafka';
import { readBenchEnv } from './env.js';
import { Cleanup } from './harness/cleanup.js';
import type { BenchContext } from './harness/context.js';
import { ResourceMonitor } from './harness/monitor.js';
import { Platform } from './harness/platform.js';
import { localBrokerPid } from './harness/proc-stats.js';
import { ReceiverClient } from './harness/receiver-client.js';
import { type BenchOptions, parseBenchArgs, USAGE } from './options.js';
import { type CpuProfile, selfTimeByPackage, topSelfTime } from './report/cpu-profile.js';
import type { BenchResults, ResultRow } from './report/results.js';
import { renderSvgChart } from './report/svg.js';
import { renderMarkdownTable, renderTextTable } from './report/table.js';
import { crashScenario } from './scenarios/crash.js';
import { holScenario } from './scenarios/hol.js';
import { idleScenario } from './scenarios/idle.js';
import { latencyScenario } from './scenarios/latency.js';
import { matchScenario } from './scenarios/match.js';
import { overheadRow } from './scenarios/overhead.js';
import { receiverCapacity } from './scenarios/receiver-capacity.js';
import { rssScenario } from './scenarios/rss.js';
import { fanoutScenario, platformScenario, rawScenario } from './scenarios/throughput.js';
import { workerOnlyScenario } from './scenarios/worker-only.js';

hideKnownKafkajsWarnings();

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('not inside the hookstream repository');
    dir = parent;
  }
  return dir;
}

function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

function gitCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

/** Services run under --cpu-prof with --cpu-prof; each writes its profile when it exits. */
const PROFILED = ['router', 'delivery-worker'];

function summariseProfiles(dir: string, details: Record<string, unknown>): void {
  const summaries: Record<string, unknown[]> = {};
  for (const service of PROFILED) {
    const serviceDir = join(dir, service);
    if (!existsSync(serviceDir)) continue;
    summaries[service] = readdirSync(serviceDir)
      .filter((name) => name.endsWith('.cpuprofile'))
      .map((file) => {
        const profile = JSON.parse(readFileSync(join(serviceDir, file), 'utf8')) as CpuProfile;
        const summary = {
          file: join(serviceDir, file),
          byPackage: selfTimeByPackage(profile),
          topSelf: topSelfTime(profile),
        };
        const packages = Object.entries(summary.byPackage)
          .slice(0, 8)
          .map(([owner, pct]) => `${owner} ${pct} %`)
          .join(', ');
        log(`${service} CPU profile ${file}: ${packages}`);
        for (const frame of summary.topSelf.slice(0, 10))
          log(`  ${String(frame.pct).padStart(5)} %  ${frame.frame}`);
        return summary;
      });
  }
  details.cpuProfiles = summaries;
}

async function runScenarios(ctx: BenchContext, errors: string[]): Promise<void> {
  const selected = new Set(ctx.options.scenarios);
  let rawPerSecond: number | null = null;
  let platformPerSecond: number | null = null;
  const attempt = async (id: string, body: () => Promise<unknown>) => {
    log(`scenario ${id}`);
    try {
      await body();
    } catch (error) {
      errors.push(`${id}: ${(error as Error).message}`);
      log(`scenario ${id} failed: ${(error as Error).message}`);
    }
  };
  if (selected.has('raw'))
    await attempt('raw', async () => {
      rawPerSecond = await rawScenario(ctx);
    });
  if (selected.has('platform'))
    await attempt('platform', async () => {
      platformPerSecond = await platformScenario(ctx, rawPerSecond);
    });
  if (selected.has('worker'))
    await attempt('worker', () => workerOnlyScenario(ctx, rawPerSecond, platformPerSecond));
  if (selected.has('fanout')) await attempt('fanout', () => fanoutScenario(ctx, rawPerSecond));
  if (selected.has('latency')) await attempt('latency', () => latencyScenario(ctx));
  // Crash before head-of-line: the slow endpoint's backlog would otherwise still hold the worker.
  if (selected.has('crash')) await attempt('crash', () => crashScenario(ctx));
  if (selected.has('hol')) await attempt('hol', () => holScenario(ctx));
  rssScenario(ctx);
}

async function main(options: BenchOptions): Promise<number> {
  const env = readBenchEnv();
  const root = repoRoot();
  const startedAt = new Date();
  const run = startedAt.toISOString().replace(/[-:]/g, '').replace('T', 't').slice(0, 15).toLowerCase();
  const resultsDir = options.out ?? join(root, 'bench-results', run);
  const logDir = join(resultsDir, 'logs');
  const profileDir = join(resultsDir, 'profiles');
  mkdirSync(logDir, { recursive: true });
  const rows: ResultRow[] = [];
  const details: Record<string, unknown> = {};
  const errors: string[] = [];
  const cleanup = new Cleanup();
  const stopOnSignal = (signal: NodeJS.Signals, code: number) =>
    process.once(signal, () => {
      log(`${signal}: cleaning up before exit`);
      cleanup.runAll(log).finally(() => process.exit(code));
    });
  stopOnSignal('SIGINT', 130);
  stopOnSignal('SIGTERM', 143);
  log(
    `run ${run}: ${options.scenarios.join(', ')}${options.quick ? ' (quick)' : ''}; results in ${resultsDir}`,
  );

  const ctxBase = { options, root, log, details, rows };
  if (options.scenarios.includes('match')) {
    log('scenario match');
    try {
      await matchScenario(ctxBase);
    } catch (error) {
      errors.push(`match: ${(error as Error).message}`);
    }
  }

  if (options.scenarios.some((id) => id !== 'match')) {
    try {
      const receiver = await ReceiverClient.start();
      cleanup.add('receiver', () => receiver.stop());
      const topicPrefix = `bench.${run}.`;
      log(`starting the platform: database hookstream_bench_${run}, topics ${topicPrefix}*`);
      const platform = await Platform.start(
        {
          root,
          brokers: env.KAFKA_BROKERS,
          adminPgUrl: env.HOOKSTREAM_BENCH_PG_URL,
          topicPrefix,
          databaseName: `hookstream_bench_${run}`,
          logDir,
          nodeArgs: (service) =>
            options.cpuProf && PROFILED.includes(service)
              ? ['--cpu-prof', `--cpu-prof-dir=${join(profileDir, service)}`]
              : [],
        },
        cleanup,
        log,
      );
      const producer = platform.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
      await producer.connect();
      cleanup.add('producer', () => producer.disconnect());
      const helperPids: Record<string, number | undefined> = {
        receiver: receiver.pid,
        // Its CPU counts in the CPU per delivery of both the raw baseline and the platform.
        broker: localBrokerPid(process.env.HOOKSTREAM_DATA_DIR ?? join(root, '.data')),
      };
      const monitor = new ResourceMonitor(
        () => platform.services,
        () => helperPids,
      );
      cleanup.add('monitor', () => monitor.stop());
      const ctx: BenchContext = {
        ...ctxBase,
        brokers: env.KAFKA_BROKERS,
        run,
        resultsDir,
        platform,
        producer,
        receiver,
        monitor,
        helperPids,
      };
      // First, what the platform costs doing nothing (5 s; 2 s with --quick).
      try {
        await idleScenario(ctx, options.quick ? 2 : 5);
      } catch (error) {
        errors.push(`idle: ${(error as Error).message}`);
      }
      // Then, while the services idle: how much the receiver takes with no platform in front of it.
      let capacity: number | null = null;
      try {
        capacity = await receiverCapacity(ctx, options.quick ? 3_000 : 10_000);
      } catch (error) {
        errors.push(`receiver capacity: ${(error as Error).message}`);
      }
      await runScenarios(ctx, errors);
      rows.push(overheadRow(details, capacity));
    } catch (error) {
      errors.push(`setup: ${(error as Error).message}`);
      log(`failed: ${(error as Error).message}`);
    }
  }
  errors.push(...(await cleanup.runAll(log)));
  if (options.cpuProf) summariseProfiles(profileDir, details);

  const results: BenchResults = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    options: { ...options },
    machine: {
      cpus: cpus().length,
      loadAverageAtStart: loadavg(),
      node: process.version,
      gitCommit: gitCommit(root),
    },
    rows,
    details,
    errors,
  };
  const subtitle = `${results.startedAt.slice(0, 16)}Z, ${results.machine.cpus} cores, commit ${results.machine.gitCommit ?? '?'}${options.quick ? ', quick' : ''}`;
  writeFileSync(join(resultsDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(
    join(resultsDir, 'results.md'),
    `# hookstream bench ${subtitle}\n\n${renderMarkdownTable(rows)}\n${errors.length > 0 ? `Errors:\n${errors.map((e) => `- ${e}`).join('\n')}\n` : ''}`,
  );
  writeFileSync(join(resultsDir, 'chart.svg'), renderSvgChart(rows, subtitle));
  process.stdout.write(`\n${renderTextTable(rows)}\n\n`);
  if (errors.length > 0) process.stdout.write(`errors:\n${errors.map((e) => `  ${e}`).join('\n')}\n`);
  process.stdout.write(`results: ${resultsDir}/{results.json,results.md,chart.svg}\n`);
  return errors.length > 0 ? 1 : 0;
}

let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2).filter((arg) => arg !== '--'));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
main(options).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
