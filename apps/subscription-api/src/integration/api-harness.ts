import assert from 'node:assert/strict';
import { keyringFromEnv } from '@hookstream/envelope-encryption';
import { openSubscriptionSecrets, type SubscriptionRecord } from '@hookstream/kafka';
import {
  createTestDatabase,
  deleteTestTopics,
  freePort,
  type JsonResponse,
  jsonRequest,
  type ServiceProcess,
  startService,
  type TestDatabase,
  testBrokers,
  uniqueTopicPrefix,
} from '@hookstream/testkit';
import pg from 'pg';
import { createTenantWithKey } from '../tenants/create-tenant.js';

export interface ApiUnderTest {
  baseUrl: string;
  prefix: string;
  database: TestDatabase;
  /** A JSON call as the holder of `key` (null: no Authorization header). */
  call: (method: string, path: string, body: unknown, key: string | null) => Promise<JsonResponse>;
  /** A new tenant with its first key, made by the admin use case as an operator would. */
  newTenant: (name: string) => Promise<{ tenantId: string; apiKey: string }>;
  /** Everything the API process wrote to stdout and stderr so far (its logs). */
  output: () => string;
  /** SIGTERM; returns the exit code, then drops the database and deletes the topics. */
  stop: () => Promise<number | null>;
}

/** The API as a real process on a free port, with its own database and topic prefix. */
export async function startApi(name: string, env: Record<string, string> = {}): Promise<ApiUnderTest> {
  const database = await createTestDatabase(name);
  const prefix = uniqueTopicPrefix(name);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let api: ServiceProcess;
  try {
    api = await startService({
      name: 'subscription-api',
      entry: 'apps/subscription-api/dist/main.js',
      env: {
        DATABASE_URL: database.url,
        KAFKA_BROKERS: testBrokers().join(','),
        HOOKSTREAM_TOPIC_PREFIX: prefix,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        // Tests send requests back to back with one key; the rate-limit test sets its own.
        RATE_LIMIT_PER_SECOND: '10000',
        RATE_LIMIT_BURST: '10000',
        // Some tests send many unauthenticated requests; auth-throttle.int.test sets its own.
        AUTH_FAILURE_BURST: '10000',
        ...env,
      },
      readyUrl: `${baseUrl}/health/ready`,
    });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    baseUrl,
    prefix,
    database,
    output: () => api.output(),
    call: (method, path, body, key) => jsonRequest(`${baseUrl}${path}`, { method, apiKey: key, body }),
    newTenant: async (tenantName) => {
      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      try {
        const { tenantId, apiKey } = await createTenantWithKey(pool, tenantName);
        return { tenantId, apiKey };
      } finally {
        await pool.end();
      }
    },
    stop: async () => {
      const code = await api.stop();
      await database.drop();
      await deleteTestTopics(prefix);
      return code;
    },
  };
}

/**
 * A record read from the subscriptions topic with its secrets and header values opened, as the
 * delivery worker sees it. The API under test runs in development mode, so it seals with the
 * public development key.
 */
export function openPublished(record: SubscriptionRecord): SubscriptionRecord {
  const dev = keyringFromEnv({ HOOKSTREAM_ENCRYPTION_KEYS: [] }, 'development');
  if (!dev.ok) throw new Error(dev.problems.join('; '));
  const opened = openSubscriptionSecrets(record, dev.keyring);
  if (!opened.ok) throw new Error(`cannot open ${record.id}: ${opened.failure} at ${opened.field}`);
  assert.equal(opened.legacyPlaintext, false, 'the API published secret parts in clear');
  return opened.record;
}
