import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import { waitFor } from './wait-for.js';

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr), for assertions and failures. */
  output: () => string;
  /** SIGTERM, then wait for exit (SIGKILL after `timeoutMs`); resolves with the exit code. */
  stop: (timeoutMs?: number) => Promise<number | null>;
}

export interface StartServiceOptions {
  name: string;
  /** Path from the repository root, e.g. "apps/router/dist/main.js". */
  entry: string;
  env: Record<string, string>;
  /** Polled until it answers 200. */
  readyUrl: string;
  readyTimeoutMs?: number;
}

/** Runs a built service as a real child process (the same Node), and waits until it is ready. */
export async function startService(options: StartServiceOptions): Promise<ServiceProcess> {
  let output = '';
  const child = spawn(process.execPath, ['--enable-source-maps', join(repoRoot(), options.entry)], {
    // Tests run services in development mode (local receivers on loopback over plain HTTP)
    // unless they ask for production, as the hostile-URL tests do.
    env: { HOOKSTREAM_ENV: 'development', ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    // Keep the last 200 KiB: enough to debug, bounded in memory.
    if (output.length > 200_000) output = output.slice(-200_000);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const service: ServiceProcess = {
    name: options.name,
    child,
    output: () => output,
    stop: async (timeoutMs = 30_000) => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };

  try {
    // Stop waiting as soon as the process dies: its output says why.
    const died = exited.then((code) => {
      throw new Error(`${options.name} exited with ${code} before it was ready`);
    });
    died.catch(() => {});
    // The probe also ends when the process is gone, so no poller outlives a failed start.
    const ready = waitFor(
      async () =>
        child.exitCode !== null || (await fetch(options.readyUrl).catch(() => null))?.status === 200,
      {
        timeoutMs: options.readyTimeoutMs ?? 60_000,
        intervalMs: 200,
        description: `${options.name} ready`,
      },
    );
    await Promise.race([ready, died]);
  } catch (error) {
    await service.stop(5_000);
    throw new Error(`${(error as Error).message}\n--- ${options.name} output ---\n${output}`);
  }
  return service;
}

/**
 * A free TCP port on loopback, for a service under test. Chosen below the kernel's ephemeral
 * range (Linux default 32768–60999): a port that the OS hands out for port 0 is also one it
 * hands out to outgoing connections, and the many Kafka clients of a test run took such a port
 * in the seconds between this check and the service's own bind (EADDRINUSE at start).
 */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 50; tries += 1) {
    // 20000–32767, random so parallel test files rarely pick the same one.
    const candidate = 20_000 + Math.floor(Math.random() * 12_768);
    if (await bindable(candidate)) return candidate;
  }
  throw new Error('no free TCP port found in 20000–32767 after 50 tries');
}

async function bindable(port: number): Promise<boolean> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
