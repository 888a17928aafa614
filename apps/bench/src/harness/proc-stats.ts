import { readdirSync, readFileSync } from 'node:fs';

/** Kernel clock ticks per second for /proc CPU times; 100 on every Linux the bench targets. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Resident set size now and its high-water mark, in MB; null once the process is gone. */
export function memoryOf(pid: number): { rssMb: number; hwmMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used; null once it is gone. */
export function cpuSecondsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the ")" that closes the command name; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
export function machineJiffies(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * The pid of the project's local broker (`infra/kafka/kafka.sh` writes it to
 * `$HOOKSTREAM_DATA_DIR/kafka/kafka.pid`), when that process is alive and is a Kafka broker;
 * undefined for a broker elsewhere, whose CPU the bench cannot see.
 */
export function localBrokerPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(`${dataDir}/kafka/kafka.pid`, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('kafka.Kafka') ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of every process named `comm` (e.g. "postgres": the postmaster, its background
 * workers and each connection's backend), by pid. A process that exits between two readings
 * takes the CPU it spent since the first with it; long-lived pools keep that small.
 */
export function cpuSecondsByComm(comm: string): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() !== comm) continue;
    } catch {
      continue;
    }
    const seconds = cpuSecondsOf(pid);
    if (seconds !== null) byPid.set(pid, seconds);
  }
  return byPid;
}

/** CPU seconds spent between two readings of `cpuSecondsByComm`: pids in both, plus new ones from zero. */
export function cpuSecondsBetween(
  start: ReadonlyMap<number, number>,
  end: ReadonlyMap<number, number>,
): number {
  let seconds = 0;
  for (const [pid, atEnd] of end) seconds += atEnd - (start.get(pid) ?? 0);
  return seconds;
}
