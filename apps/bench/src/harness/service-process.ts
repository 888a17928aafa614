import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { memoryOf } from './proc-stats.js';

/**
 * glibc malloc settings of every service's start command (package.json, ./hookstream up,
 * Dockerfile): two arenas instead of 8 per core, and allocations of 128 KiB or more (Kafka
 * fetch and produce buffers) in their own mappings, returned to the system on free.
 */
const SERVICE_GLIBC_TUNABLES = 'glibc.malloc.arena_max=2:glibc.malloc.mmap_threshold=131072';

export interface ServiceSpec {
  name: string;
  /** Path from the repository root, e.g. "apps/router/dist/main.js". */
  entry: string;
  port: number;
  env: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof for the worker. */
  nodeArgs?: string[];
}

/**
 * One of the platform's services as a child process, restartable after a kill -9. It keeps
 * the peak RSS over all its incarnations (VmHWM read before each exit and while sampling),
 * and appends its output to `<logDir>/<name>.log`.
 */
export class ServiceProcess {
  private child: ChildProcess | null = null;
  private readonly log: WriteStream;
  /** Largest VmHWM/VmRSS seen over every incarnation, MB. */
  peakRssMb = 0;
  starts = 0;

  constructor(
    readonly spec: ServiceSpec,
    private readonly root: string,
    logDir: string,
  ) {
    this.log = createWriteStream(join(logDir, `${spec.name}.log`), { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the service and waits until /health/ready answers 200; returns ms to ready. */
  async start(readyTimeoutMs = 90_000): Promise<number> {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      // The V8 flags of the services' start commands (package.json, ./hookstream up, Dockerfile),
      // so the bench measures the memory they run with.
      [
        ...(this.spec.nodeArgs ?? []),
        '--max-semi-space-size=8',
        '--max-old-space-size=512',
        '--enable-source-maps',
        join(this.root, this.spec.entry),
      ],
      {
        // The bench delivers to a receiver on loopback over plain HTTP, which production mode
        // (the services' default, issue 11) refuses.
        env: {
          HOOKSTREAM_ENV: 'development',
          // The malloc settings of the start commands; one set in the environment wins, as there.
          GLIBC_TUNABLES: SERVICE_GLIBC_TUNABLES,
          ...process.env,
          ...this.spec.env,
          PORT: String(this.spec.port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    this.starts += 1;
    this.log.write(`\n--- ${new Date().toISOString()} start ${this.starts} (pid ${child.pid}) ---\n`);
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    const url = `http://127.0.0.1:${this.spec.port}/health/ready`;
    while (Date.now() - started < readyTimeoutMs) {
      if (!this.running)
        throw new Error(
          `${this.spec.name} exited (${child.exitCode ?? child.signalCode}) before it was ready; see its log`,
        );
      const status = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
        (response) => response.status,
        () => 0,
      );
      if (status === 200) return Date.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${this.spec.name} not ready within ${readyTimeoutMs} ms; see its log`);
  }

  /** Reads the current incarnation's memory into the peak. */
  sample(): void {
    const pid = this.pid;
    if (pid === undefined || !this.running) return;
    const memory = memoryOf(pid);
    if (memory) this.peakRssMb = Math.max(this.peakRssMb, memory.hwmMb, memory.rssMb);
  }

  /** SIGKILL, as a crash: no shutdown hook runs. Resolves once the process is gone. */
  async kill9(): Promise<void> {
    this.sample();
    await this.signal('SIGKILL', 0);
  }

  /** SIGTERM (a clean shutdown), SIGKILL after `timeoutMs`. */
  async stop(timeoutMs = 15_000): Promise<void> {
    this.sample();
    await this.signal('SIGTERM', timeoutMs);
  }

  private async signal(signal: NodeJS.Signals, killAfterMs: number): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = killAfterMs > 0 ? setTimeout(() => child.kill('SIGKILL'), killAfterMs) : undefined;
    await exited;
    if (timer) clearTimeout(timer);
  }

  /** Last resort on process exit: synchronous, no waiting. */
  killNow(): void {
    if (this.running) this.child?.kill('SIGKILL');
  }
}
