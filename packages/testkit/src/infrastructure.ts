import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
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

/** A Docker engine answers on the default socket (or DOCKER_HOST is set). */
function dockerReachable(): boolean {
  return Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}

/**
 * Starts what the tests need, once per run, unless it is already up: a broker given by
 * KAFKA_BROKERS is used as it is; otherwise the local JVM broker (infra/kafka) is started, or a
 * Kafka container where a Docker engine is reachable and HOOKSTREAM_TEST_CONTAINERS=1. The
 * database server is the one at HOOKSTREAM_TEST_PG_URL (default local), else a container.
 */
export async function ensureInfrastructure(log: (line: string) => void = () => {}): Promise<Infrastructure> {
  const stops: Array<() => Promise<void>> = [];
  const useContainers = process.env.HOOKSTREAM_TEST_CONTAINERS === '1' && dockerReachable();

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
