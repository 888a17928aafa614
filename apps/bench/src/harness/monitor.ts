import { cpuSecondsBetween, cpuSecondsByComm, cpuSecondsOf, machineJiffies } from './proc-stats.js';
import type { ServiceProcess } from './service-process.js';

/** CPU use of one phase: % of one core per process, and % of the whole machine. */
export interface CpuUse {
  seconds: number;
  /** process name → % of one core over the phase (a service restarted mid-phase counts its last incarnation). */
  processes: Record<string, number>;
  /** Busy share of all cores of the machine, %, everyone's work included (the machine is shared). */
  machineBusyPct: number;
}

/** Samples the services' memory every 500 ms, and measures CPU per phase. */
export class ResourceMonitor {
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly services: () => ServiceProcess[],
    private readonly helpers: () => Record<string, number | undefined>,
  ) {
    this.timer = setInterval(() => {
      for (const service of this.services()) service.sample();
    }, 500);
    this.timer.unref();
  }

  private pids(): Record<string, number | undefined> {
    const pids: Record<string, number | undefined> = { bench: process.pid, ...this.helpers() };
    for (const service of this.services()) pids[service.spec.name] = service.pid;
    return pids;
  }

  /** Starts a measurement; the returned function ends it. */
  begin(): () => CpuUse {
    const startedAt = performance.now();
    const machine = machineJiffies();
    const pidsAtStart = this.pids();
    const start = Object.fromEntries(
      Object.entries(pidsAtStart).map(([name, pid]) => [name, pid === undefined ? null : cpuSecondsOf(pid)]),
    );
    // PostgreSQL is many processes (a backend per connection): counted together, by name.
    const postgresAtStart = cpuSecondsByComm('postgres');
    return () => {
      const seconds = (performance.now() - startedAt) / 1000;
      const machineEnd = machineJiffies();
      const processes: Record<string, number> = {};
      for (const [name, pid] of Object.entries(this.pids())) {
        if (pid === undefined) continue;
        const end = cpuSecondsOf(pid);
        // A restarted service is a new pid: count its CPU from zero.
        const from = pidsAtStart[name] === pid ? (start[name] ?? 0) : 0;
        if (end !== null && seconds > 0) processes[name] = Math.round(((end - (from ?? 0)) / seconds) * 100);
      }
      if (postgresAtStart.size > 0 && seconds > 0)
        processes.postgres = Math.round(
          (cpuSecondsBetween(postgresAtStart, cpuSecondsByComm('postgres')) / seconds) * 100,
        );
      const total = machineEnd.total - machine.total;
      return {
        seconds: Math.round(seconds * 10) / 10,
        processes,
        machineBusyPct: total > 0 ? Math.round(((machineEnd.busy - machine.busy) / total) * 100) : 0,
      };
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
