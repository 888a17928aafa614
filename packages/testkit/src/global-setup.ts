import { ensureInfrastructure, type Infrastructure } from './infrastructure.js';

let infrastructure: Infrastructure | undefined;

/**
 * node --test --test-global-setup hook: runs once per test run, before any test file. What it
 * puts in process.env reaches every test process the runner starts.
 */
export async function globalSetup(): Promise<void> {
  const started = Date.now();
  infrastructure = await ensureInfrastructure((line) => process.stderr.write(`[testkit] ${line}\n`));
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.HOOKSTREAM_TEST_PG_URL = infrastructure.postgresAdminUrl;
  process.stderr.write(
    `[testkit] infrastructure ready in ${Date.now() - started} ms: kafka ${infrastructure.kafkaBrokers}, postgres ${infrastructure.postgres} at ${infrastructure.postgresAdminUrl}\n`,
  );
}

/**
 * Stops only what globalSetup started (containers, a throw-away embedded PostgreSQL); a local
 * broker keeps running for reuse.
 */
export async function globalTeardown(): Promise<void> {
  await infrastructure?.stop();
}
