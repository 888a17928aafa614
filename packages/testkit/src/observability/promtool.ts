import { execFile } from 'node:child_process';
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

/** Runs `promtool <args>` (installing it first when missing), bounded to 60 s. */
export async function promtool(args: readonly string[], cwd = repoRoot()): Promise<PromtoolResult> {
  await ensurePrometheus();
  const bin = process.env.PROMTOOL_BIN ?? 'promtool';
  try {
    const { stdout, stderr } = await run(bin, [...args], { cwd, timeout: 60_000 });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}
