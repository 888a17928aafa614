import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { repoRoot } from './paths.js';

const run = promisify(execFile);

/** Where tests find the broker and the database server; exported to every test process. */
export interface Infrastructure {
  kafkaBrokers: string;
  /** A URL of the server's maintenance database; tests create their own databases from it. */
  postgresAdminUrl: string;
  stop: () => Promise<void>;
}

const DEFAULT_BROKERS = '127.0.0.1:9092';
const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

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
 * database server is the one at HOOKSTREAM_TEST_PG_URL (default local), else a container.
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

  let postgresAdminUrl = process.env.HOOKSTREAM_TEST_PG_URL ?? DEFAULT_PG;
  if (!(await postgresAnswers(postgresAdminUrl))) {
    if (!useContainers) {
      throw new Error(
        `PostgreSQL does not answer at ${postgresAdminUrl}; start it or set HOOKSTREAM_TEST_PG_URL (or HOOKSTREAM_TEST_CONTAINERS=1 with Docker)`,
      );
    }
    const { startPostgresContainer } = await import('./containers.js');
    const container = await startPostgresContainer();
    postgresAdminUrl = container.adminUrl;
    stops.push(container.stop);
  }

  return {
    kafkaBrokers,
    postgresAdminUrl,
    stop: async () => {
      for (const stop of stops.reverse()) await stop();
    },
  };
}
