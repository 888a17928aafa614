import { existsSync, readFileSync } from 'node:fs';

/** What PostgreSQL writes to postmaster.pid in its data folder while it runs. */
export interface PostmasterLock {
  pid: number;
  port: number;
  /** "ready", "starting", "stopping" (PostgreSQL 10+); empty while it starts. */
  status: string;
}

/**
 * Parses postmaster.pid: line 1 is the pid, line 4 the port, line 8 the status (see
 * PostgreSQL's pidfile.h). undefined when the text is not such a file.
 */
export function parsePostmasterLock(text: string): PostmasterLock | undefined {
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  return { pid, port, status: (lines[7] ?? '').trim() };
}

/**
 * Whether `pid` is a running process (not a zombie) whose name says PostgreSQL. After a
 * kill -9 the lock file stays behind, and its pid may be gone, a zombie, or reused by an
 * unrelated process: none of those holds the data folder.
 */
export function isLivePostgres(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to another user (the server user, seen from a non-root user).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const statFile = `/proc/${pid}/stat`;
  if (!existsSync('/proc/self/stat')) return true; // no /proc (macOS): trust kill(0)
  try {
    const stat = readFileSync(statFile, 'utf8');
    // "<pid> (<comm>) <state> …": comm may contain spaces, so split at the last ')'.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && /postgres|postmaster/.test(comm);
  } catch {
    return false;
  }
}
