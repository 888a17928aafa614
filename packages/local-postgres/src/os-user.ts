import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A user the server runs as: PostgreSQL refuses to run as root. */
export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

async function lookup(name: string): Promise<ServerUser | undefined> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
    return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return undefined;
  }
}

/**
 * undefined when this process is not root (the server runs as the current user). As root:
 * the user `preferred` (created as a system user without a home or login shell when it is
 * missing), else `nobody` where useradd is not available.
 */
export async function serverUser(
  preferred: string,
  log: (line: string) => void,
): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const existing = await lookup(preferred);
  if (existing) return existing;
  try {
    await run('useradd', [
      '--system',
      '--user-group',
      '--no-create-home',
      '--shell',
      '/usr/sbin/nologin',
      preferred,
    ]);
    log(`created the system user ${preferred} to run PostgreSQL (it refuses to run as root)`);
  } catch (error) {
    log(`could not create user ${preferred} (${(error as Error).message.split('\n')[0]}); using nobody`);
  }
  const user = (await lookup(preferred)) ?? (await lookup('nobody'));
  if (!user)
    throw new Error(
      `running as root and neither ${preferred} nor nobody exists; create a user and set HOOKSTREAM_PG_OS_USER`,
    );
  return user;
}

/** The user that owns `path`, when this process is root (so a stop runs as the server's user). */
export function ownerOf(stat: { uid: number; gid: number }): ServerUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  return { name: String(stat.uid), uid: stat.uid, gid: stat.gid };
}
