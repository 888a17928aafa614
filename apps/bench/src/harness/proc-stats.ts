import { readFileSync } from 'node:fs';

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
