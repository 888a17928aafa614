import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  createTestDatabase,
  deleteTestTopics,
  freePort,
  type JsonResponse,
  jsonRequest,
  repoRoot,
  type ServiceProcess,
  startService,
  type TestDatabase,
  testBrokers,
  uniqueTopicPrefix,
} from '@hookstream/testkit';

const run = promisify(execFile);

export interface Platform {
  apiUrl: string;
  topicPrefix: string;
  database: TestDatabase;
  services: ServiceProcess[];
  /** Base URL of each service by name (its /health/*, /metrics), e.g. for reading its metrics. */
  serviceUrls: Record<'subscription-api' | 'router' | 'delivery-worker', string>;
  /** Creates a tenant with the admin CLI, as an operator would. */
  createTenant: (name: string) => Promise<{ tenantId: string; apiKey: string }>;
  /** Stops every service with SIGTERM and returns their exit codes by name. */
  stop: () => Promise<Record<string, number | null>>;
}

/**
 * The three services as real processes, on their own free ports, their own database and their
 * own topic prefix (so this run shares nothing with other tests or the dev stack).
 */
export type ServiceName = 'subscription-api' | 'router' | 'delivery-worker';

export async function startPlatform(
  name: string,
  extraEnv: Record<string, string> = {},
  /** Variables for one service only, e.g. its own Kafka user on a secure broker. */
  serviceEnv: Partial<Record<ServiceName, Record<string, string>>> = {},
): Promise<Platform> {
  const database = await createTestDatabase(name);
  const topicPrefix = uniqueTopicPrefix(name);
  const [apiPort, routerPort, workerPort] = [await freePort(), await freePort(), await freePort()];
  const common = {
    KAFKA_BROKERS: testBrokers().join(','),
    HOOKSTREAM_TOPIC_PREFIX: topicPrefix,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  const services: ServiceProcess[] = [];
  try {
    services.push(
      await startService({
        name: 'subscription-api',
        entry: 'apps/subscription-api/dist/main.js',
        env: {
          ...common,
          PORT: String(apiPort),
          DATABASE_URL: database.url,
          ...serviceEnv['subscription-api'],
        },
        readyUrl: `http://127.0.0.1:${apiPort}/health/ready`,
      }),
    );
    const [router, worker] = await Promise.all([
      startService({
        name: 'router',
        entry: 'apps/router/dist/main.js',
        env: { ...common, PORT: String(routerPort), ...serviceEnv.router },
        readyUrl: `http://127.0.0.1:${routerPort}/health/ready`,
      }),
      startService({
        name: 'delivery-worker',
        entry: 'apps/delivery-worker/dist/main.js',
        env: { ...common, PORT: String(workerPort), ...serviceEnv['delivery-worker'] },
        readyUrl: `http://127.0.0.1:${workerPort}/health/ready`,
      }),
    ]);
    services.push(router, worker);
  } catch (error) {
    await Promise.all(services.map((service) => service.stop()));
    await database.drop();
    throw error;
  }
  return {
    apiUrl: `http://127.0.0.1:${apiPort}`,
    topicPrefix,
    database,
    services,
    serviceUrls: {
      'subscription-api': `http://127.0.0.1:${apiPort}`,
      router: `http://127.0.0.1:${routerPort}`,
      'delivery-worker': `http://127.0.0.1:${workerPort}`,
    },
    createTenant: async (tenantName) => {
      const { stdout } = await run(
        process.execPath,
        [
          join(repoRoot(), 'apps/subscription-api/dist/cli/admin.js'),
          'create-tenant',
          '--name',
          tenantName,
          '--json',
        ],
        { env: { ...process.env, DATABASE_URL: database.url } },
      );
      return JSON.parse(stdout) as { tenantId: string; apiKey: string };
    },
    stop: async () => {
      const codes: Record<string, number | null> = {};
      // Reverse start order: consumers drain before the API goes away.
      for (const service of [...services].reverse()) {
        const started = Date.now();
        codes[service.name] = await service.stop();
        process.stderr.write(`[e2e] ${service.name} stopped in ${Date.now() - started} ms\n`);
      }
      await database.drop();
      await deleteTestTopics(topicPrefix);
      return codes;
    },
  };
}

/** A call to this platform's API as the holder of `apiKey` (null = no key). */
export function apiRequest(
  platform: Platform,
  method: string,
  path: string,
  apiKey: string | null,
  body?: unknown,
): Promise<JsonResponse> {
  return jsonRequest(`${platform.apiUrl}${path}`, { method, apiKey, body });
}
