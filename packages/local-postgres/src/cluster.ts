import { appendFile, chown, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { EmbeddedServerOptions } from './embedded-server.js';
import { EmbeddedPostgresError } from './errors.js';
import { isLivePostgres, type PostmasterLock, parsePostmasterLock } from './lock-file.js';
import type { ServerUser } from './os-user.js';
import { runAs } from './run-as.js';

export const clusterDir = (dataDir: string): string => join(dataDir, 'cluster');
export const logFile = (dataDir: string): string => join(dataDir, 'postgres.log');
export const adminUrlFor = (port: number): string => `postgres://postgres@127.0.0.1:${port}/postgres`;

/** The lock of a server that really runs on this data folder, or undefined. */
export async function runningLock(dataDir: string): Promise<PostmasterLock | undefined> {
  const text = await readFile(join(clusterDir(dataDir), 'postmaster.pid'), 'utf8').catch(() => undefined);
  const lock = text === undefined ? undefined : parsePostmasterLock(text);
  return lock && isLivePostgres(lock.pid) ? lock : undefined;
}

/** The first FATAL/ERROR line of the server log written after `fromByte`, for a one-line error. */
export async function firstFatal(dataDir: string, fromByte: number): Promise<string | undefined> {
  const text = (await readFile(logFile(dataDir), 'utf8').catch(() => '')).slice(fromByte);
  const line = text.split('\n').find((candidate) => /\b(FATAL|PANIC|ERROR):/.test(candidate));
  return line?.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '');
}

/** Creates the folder, hands it to the server's user, and checks that user can write it. */
export async function prepareDataDir(dataDir: string, user: ServerUser | undefined): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true });
    if (user) await chown(dataDir, user.uid, user.gid);
  } catch (error) {
    throw new EmbeddedPostgresError(
      `cannot create the PostgreSQL data folder ${dataDir} (${(error as NodeJS.ErrnoException).code}); make it writable or set HOOKSTREAM_PG_DATA_DIR to a folder you can write`,
    );
  }
  // The server's user must reach and write the folder (as root, every parent must let it through).
  const probe = await runAs('test', ['-w', dataDir, '-a', '-x', dataDir], user);
  if (probe.code !== 0) {
    const who = user ? `user ${user.name} (uid ${user.uid}), which runs the server,` : 'this user';
    throw new EmbeddedPostgresError(
      `${who} cannot write the PostgreSQL data folder ${dataDir}; make it and its parents accessible (chmod o+x on the parents) or set HOOKSTREAM_PG_DATA_DIR to another folder`,
    );
  }
}

/** initdb with our settings; a failed run leaves no half-made cluster. */
export async function initCluster(
  dataDir: string,
  user: ServerUser | undefined,
  initdb: string,
  options: EmbeddedServerOptions,
): Promise<void> {
  const cluster = clusterDir(dataDir);
  const args = ['-D', cluster, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'];
  if (options.throwAway) args.push('--no-sync');
  const result = await runAs(initdb, args, user);
  if (result.code !== 0) {
    // initdb removes what it created on failure; make sure no half-made cluster stays.
    await rm(cluster, { recursive: true, force: true });
    const reason = result.output.split('\n').find((line) => line.includes('error')) ?? result.output.trim();
    throw new EmbeddedPostgresError(`initdb failed for ${cluster}: ${reason}`);
  }
  // TCP on loopback only, no Unix socket (its path length is limited and nothing here needs it).
  const settings = [
    "listen_addresses = '127.0.0.1'",
    "unix_socket_directories = ''",
    // Tests and parallel services open many short connections.
    'max_connections = 200',
    ...(options.throwAway ? ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off'] : []),
  ];
  await appendFile(
    join(cluster, 'postgresql.conf'),
    `\n# hookstream embedded server\n${settings.join('\n')}\n`,
  );
}
