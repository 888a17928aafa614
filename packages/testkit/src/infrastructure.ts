import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { probeServer, redactUrl, versionProblem } from '@hookstream/local-postgres';
import { repoRoot } from './paths.js';
import { startThrowAwayPostgres } from './throw-away-postgres.js';

const run = promisify(execFile);

/** Where tests find the broker and the database server; exported to every test process. */
export interface Infrastructure {
  kafkaBrokers: string;
  /** A URL of the server's maintenance database; tests create their own databases from it. */
  postgresAdminUrl: string;
  /** Which server that is, for the log: "server …", "embedded PostgreSQL 18.4", "container". */
  postgres: string;
  stop: () => Promise<void>;
}

const DEFAULT_BROKERS = '127.0.0.1:9092';
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A Docker engine answers GET /_ping on its socket (a client alone is not enough). */
async function dockerReachable(): Promise<boolean> {
  const socketPath = '/var/run/docker.sock';
  if (!existsSync(socketPath)) return false;
  return new Promise((resolve) => {
    const request = httpRequest({ socketPath, path: '/_ping', timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => {
      request.destroy();
      resolve(false);
    });
    request.end();
  });
}

/**
 * Starts what the tests need, once per run, unless it is already up: a broker given by
 * KAFKA_BROKERS is used as it is; otherwise a Kafka container where a Docker engine answers
 * (HOOKSTREAM_TEST_CONTAINERS=0 turns that off), else the local JVM broker (infra/kafka). The
 * database server: see ensurePostgres.
 */
export async function ensureInfrastructure(log: (line: string) => void = () => {}): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  // Containers wherever a Docker engine answers, unless turned off; the local JVM broker otherwise.
  const useContainers = process.env.HOOKSTREAM_TEST_CONTAINERS !== '0' && (await dockerReachable());
  if (useContainers) log('a Docker engine answers: using testcontainers for what is not already up');

  let kafkaBrokers = process.env.KAFKA_BROKERS;
  if (!kafkaBrokers && useContainers) {
    const { startKafkaContainer } = await import('./containers.js');
    const container = await startKafkaContainer();
    kafkaBrokers = container.brokers;
    stops.push(container.stop);
  }
  if (!kafkaBrokers) {
    log('ensuring the local Kafka broker (infra/kafka/kafka.sh start)');
    await run('bash', [join(repoRoot(), 'infra/kafka/kafka.sh'), 'start'], { maxBuffer: 16 * 1024 * 1024 });
    kafkaBrokers = DEFAULT_BROKERS;
  }

  const postgres = await ensurePostgres(useContainers, log);
  stops.push(postgres.stop);

  return {
    kafkaBrokers,
    postgresAdminUrl: postgres.adminUrl,
    postgres: postgres.description,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}

interface TestPostgres {
  adminUrl: string;
  description: string;
  stop: () => Promise<void>;
}

/**
 * The PostgreSQL server of this run. HOOKSTREAM_TEST_PG=embedded: a throw-away embedded
 * PostgreSQL 18 even when a server answers (so that path is tested on machines that have
 * one); =container: a container. Otherwise the server at HOOKSTREAM_TEST_PG_URL (default the
 * local one) when it answers, else a container where a Docker engine answers, else the
 * throw-away embedded server. A server that answers but is too old is an error.
 */
async function ensurePostgres(useContainers: boolean, log: (line: string) => void): Promise<TestPostgres> {
  const mode = process.env.HOOKSTREAM_TEST_PG ?? 'auto';
  if (!['auto', 'embedded', 'container'].includes(mode))
    throw new Error(`HOOKSTREAM_TEST_PG must be auto, embedded or container, got ${mode}`);
  const configured = process.env.HOOKSTREAM_TEST_PG_URL;
  if (mode === 'auto') {
    const url = configured ?? DEFAULT_PG;
    const probe = await probeServer(url);
    if (probe.answers) {
      const problem = versionProblem(probe.versionNum, redactUrl(url));
      if (problem) throw new Error(problem.replace('unset DATABASE_URL', 'set HOOKSTREAM_TEST_PG=embedded'));
      return {
        adminUrl: url,
        description: `server ${redactUrl(url)} (PostgreSQL ${probe.version})`,
        stop: async () => {},
      };
    }
    if (configured)
      throw new Error(
        `PostgreSQL does not answer at HOOKSTREAM_TEST_PG_URL=${redactUrl(configured)} (${probe.reason}); start it, or unset it to use the embedded PostgreSQL`,
      );
    log(`no PostgreSQL answers at ${url}`);
  }
  if (mode === 'container' || (mode === 'auto' && useContainers)) {
    const { startPostgresContainer } = await import('./containers.js');
    const container = await startPostgresContainer();
    return { adminUrl: container.adminUrl, description: 'container', stop: container.stop };
  }
  log('starting a throw-away embedded PostgreSQL for this run');
  const server = await startThrowAwayPostgres(log);
  return {
    adminUrl: server.adminUrl,
    description: `embedded PostgreSQL ${server.version}`,
    stop: server.stop,
  };
}
