#!/usr/bin/env node
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { choosePostgres } from './choose.js';
import { DEFAULT_SERVER_URL, loadLocalPostgresEnv } from './config.js';
import {
  adminUrlFor,
  clusterDir,
  runningLock,
  startEmbeddedPostgres,
  stopEmbeddedPostgres,
} from './embedded-server.js';
import { probeDatabaseServer, probeServer, redactUrl } from './probe.js';

const USAGE = `usage: node packages/local-postgres/dist/cli.js <command>

commands:
  ensure [--database <name>]  pick the PostgreSQL for ./hookstream up (DATABASE_URL, else the server
                              on 127.0.0.1:5432 when it answers, else the embedded one, started now)
                              and print {"source","databaseUrl","version","startedNow"} as JSON
  start                       start the embedded PostgreSQL 18 (reuses a running one)
  stop                        stop the embedded PostgreSQL
  status                      which PostgreSQL answers, and whether the embedded one runs

environment: DATABASE_URL, HOOKSTREAM_EMBEDDED_PG (auto|1|0), HOOKSTREAM_PG_PORT (54329),
HOOKSTREAM_PG_DATA_DIR (<HOOKSTREAM_DATA_DIR>/postgres), HOOKSTREAM_PG_OS_USER (hookstream-pg, as root)`;

const log = (line: string) => process.stderr.write(`postgres: ${line}\n`);
// dist/cli.js → the repository root is three folders up.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { database: { type: 'string', default: 'hookstream' } },
  });
  const env = loadLocalPostgresEnv(process.env, process.env.HOOKSTREAM_DATA_DIR ?? join(repoRoot, '.data'));
  switch (positionals[0]) {
    case 'ensure': {
      const choice = await choosePostgres(env, values.database, log);
      process.stdout.write(`${JSON.stringify(choice)}\n`);
      return 0;
    }
    case 'start': {
      const server = await startEmbeddedPostgres({
        dataDir: env.dataDir,
        port: env.HOOKSTREAM_PG_PORT,
        osUser: env.HOOKSTREAM_PG_OS_USER,
        log,
      });
      process.stdout.write(`${server.adminUrl}\n`);
      return 0;
    }
    case 'stop': {
      log(
        (await stopEmbeddedPostgres(env.dataDir))
          ? 'embedded PostgreSQL stopped'
          : 'embedded PostgreSQL was not running',
      );
      return 0;
    }
    case 'status': {
      const configured = env.DATABASE_URL ?? DEFAULT_SERVER_URL;
      const probe = await probeDatabaseServer(configured);
      const origin = env.DATABASE_URL ? 'DATABASE_URL' : 'default server';
      process.stdout.write(
        probe.answers
          ? `postgres: ${origin} ${redactUrl(configured)} answers (PostgreSQL ${probe.version})\n`
          : `postgres: ${origin} ${redactUrl(configured)} does not answer\n`,
      );
      const lock = await runningLock(env.dataDir);
      const embedded = lock ? await probeServer(adminUrlFor(lock.port)) : undefined;
      process.stdout.write(
        lock
          ? `postgres: embedded PostgreSQL ${embedded?.answers ? embedded.version : '(not answering)'} runs: pid ${lock.pid}, 127.0.0.1:${lock.port}, data ${clusterDir(env.dataDir)}\n`
          : `postgres: embedded PostgreSQL not running (data ${clusterDir(env.dataDir)})\n`,
      );
      const inUse =
        env.HOOKSTREAM_EMBEDDED_PG === '1' || (!probe.answers && !env.DATABASE_URL)
          ? 'the embedded one'
          : `the ${origin}`;
      process.stdout.write(`postgres: ./hookstream up uses ${inUse}\n`);
      return 0;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  // One line: the errors of this package already say what to do.
  process.stderr.write(`postgres: error: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
