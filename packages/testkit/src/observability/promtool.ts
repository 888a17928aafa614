import { execFile, spawn } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../paths.js';

const run = promisify(execFile);

let ensured: Promise<void> | undefined;

/**
 * Makes sure prometheus and promtool are installed (scripts/ensure-prometheus.sh installs
 * Debian's package when they are missing), once per process. Rejects with the script's one-line
 * reason when they cannot be had.
 */
export function ensurePrometheus(): Promise<void> {
  ensured ??= run('bash', [join(repoRoot(), 'scripts/ensure-prometheus.sh')], { timeout: 300_000 }).then(
    () => undefined,
    (error: { stderr?: string }) => {
      throw new Error(`prometheus/promtool unavailable: ${error.stderr?.trim() ?? String(error)}`);
    },
  );
  return ensured;
}

export interface PromtoolResult {
  /** promtool's exit code: 0 when every check passed. */
  code: number;
  /** stdout and stderr together; promtool names the failing file, group and rule there. */
  output: string;
}

/**
 * Runs `promtool <args>` (installing it first when missing), with `input` on its stdin (e.g.
 * for `check metrics`); killed after 60 s.
 */
export async function promtool(args: readonly string[], input = ''): Promise<PromtoolResult> {
  await ensurePrometheus();
  const child = spawn(process.env.PROMTOOL_BIN ?? 'promtool', [...args], {
    cwd: repoRoot(),
    stdio: ['pipe', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stdin.end(input);
  const code = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (exitCode) => resolve(exitCode ?? -1));
  });
  return { code, output };
}
