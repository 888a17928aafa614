import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../paths.js';
import { freePort } from '../service-process.js';
import { waitFor } from '../wait-for.js';
import { ensurePrometheus } from './promtool.js';

export interface PrometheusQueryResult {
  resultType: string;
  /** Instant vector samples (for scalars Prometheus returns a single pair instead). */
  result: unknown[];
}

export interface TestPrometheus {
  /** e.g. http://127.0.0.1:23456 */
  url: string;
  /** An instant query; rejects with Prometheus's error text when the query does not parse. */
  query: (expr: string) => Promise<PrometheusQueryResult>;
  /** Every target's last scrape health, by job: "up", "down" or "unknown". */
  targetHealth: () => Promise<Record<string, string>>;
  /** Every loaded rule with its last evaluation's health ("ok", "err", "unknown") and error. */
  rules: () => Promise<Array<{ name: string; health: string; lastError?: string }>>;
  /** SIGTERM, then SIGKILL after 10 s; deletes its data folder. */
  stop: () => Promise<void>;
}

export interface StartPrometheusOptions {
  /** Service name (its job) → base URL whose /metrics is scraped. */
  targets: Record<string, string>;
  /** Scrape and rule-evaluation interval, e.g. "1s". */
  scrapeInterval?: string;
}

/**
 * A Prometheus of the test's own (scripts/prometheus.sh: free port on 127.0.0.1, its own data
 * folder, 1 h retention, the project's alert rules loaded), ready when it returns.
 */
export async function startPrometheus(options: StartPrometheusOptions): Promise<TestPrometheus> {
  await ensurePrometheus();
  const port = await freePort();
  const data = mkdtempSync(join(tmpdir(), 'hookstream-prometheus-'));
  const args = [
    join(repoRoot(), 'scripts/prometheus.sh'),
    '--port',
    String(port),
    '--data',
    data,
    '--scrape-interval',
    options.scrapeInterval ?? '1s',
    '--retention',
    '1h',
    ...Object.entries(options.targets).flatMap(([name, url]) => ['--target', `${name}=${url}`]),
  ];
  const child: ChildProcess = spawn('bash', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = `${stderr}${chunk.toString()}`.slice(-4000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(data, { recursive: true, force: true });
  };

  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`prometheus exited with ${child.exitCode}: ${stderr}`);
        return (await fetch(`${url}/-/ready`)).ok;
      },
      { timeoutMs: 30_000, intervalMs: 200, description: `prometheus on ${url}` },
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    stop,
    async query(expr) {
      const response = await fetch(`${url}/api/v1/query?${new URLSearchParams({ query: expr })}`);
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: PrometheusQueryResult;
      };
      if (body.status !== 'success' || body.data === undefined)
        throw new Error(body.error ?? `HTTP ${response.status}`);
      return body.data;
    },
    async rules() {
      const response = await fetch(`${url}/api/v1/rules`);
      const body = (await response.json()) as {
        data: { groups: Array<{ rules: Array<{ name: string; health: string; lastError?: string }> }> };
      };
      return body.data.groups.flatMap((group) =>
        group.rules.map(({ name, health, lastError }) => ({
          name,
          health,
          ...(lastError ? { lastError } : {}),
        })),
      );
    },
    async targetHealth() {
      const response = await fetch(`${url}/api/v1/targets`);
      const body = (await response.json()) as {
        data: { activeTargets: Array<{ labels: Record<string, string>; health: string }> };
      };
      return Object.fromEntries(
        body.data.activeTargets.map((target) => [target.labels.job ?? '?', target.health]),
      );
    },
  };
}
