import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createKafkaClient, resolveTopics, type TopicNames } from '@hookstream/kafka';
import type { Kafka } from 'kafkajs';
import pg from 'pg';
import type { Cleanup } from './cleanup.js';
import { ServiceProcess } from './service-process.js';

const run = promisify(execFile);

export interface PlatformOptions {
  root: string;
  brokers: string[];
  /** Maintenance database of the Postgres server, e.g. postgres://postgres@127.0.0.1:5432/postgres. */
  adminPgUrl: string;
  /** Unique per run, starts with "bench.". */
  topicPrefix: string;
  databaseName: string;
  logDir: string;
  /** Extra node flags per service name (profiling), e.g. { router: ['--cpu-prof', …] }. */
  nodeArgs: (service: string) => string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function adminQuery(adminPgUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminPgUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Deletes every topic of `prefix`; refuses anything but a bench prefix so a typo cannot delete real topics. */
export async function deleteBenchTopics(kafka: Kafka, prefix: string): Promise<number> {
  if (!/^bench\.[a-z0-9-]+\.$/.test(prefix)) throw new Error(`refusing to delete topics of "${prefix}"`);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((name) => name.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 30_000 });
    // The services' and the raw consumer's groups carry the prefix too; their committed offsets
    // would otherwise stay on the broker for its offsets retention (7 days by default).
    const groups = (await admin.listGroups()).groups
      .map((group) => group.groupId)
      .filter((groupId) => groupId.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => []);
    return topics.length;
  } finally {
    await admin.disconnect();
  }
}

/**
 * The three services on their own free ports, their own database and topic prefix, plus the
 * API calls the bench makes as an operator (tenants) and a customer (subscriptions).
 */
export class Platform {
  readonly topics: TopicNames;
  readonly kafka: Kafka;
  readonly api: ServiceProcess;
  readonly router: ServiceProcess;
  readonly worker: ServiceProcess;
  /** The platform's own database (the attempt log), for the bench's read-only queries. */
  readonly databaseUrl: string;

  private constructor(
    private readonly options: PlatformOptions,
    ports: number[],
  ) {
    this.topics = resolveTopics(options.topicPrefix);
    this.kafka = createKafkaClient({ brokers: options.brokers, clientId: 'bench' });
    const url = new URL(options.adminPgUrl);
    url.pathname = `/${options.databaseName}`;
    this.databaseUrl = url.toString();
    const common = {
      KAFKA_BROKERS: options.brokers.join(','),
      HOOKSTREAM_TOPIC_PREFIX: options.topicPrefix,
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
    };
    const [apiPort = 0, routerPort = 0, workerPort = 0] = ports;
    this.api = new ServiceProcess(
      {
        name: 'subscription-api',
        entry: 'apps/subscription-api/dist/main.js',
        port: apiPort,
        env: { ...common, DATABASE_URL: this.databaseUrl },
      },
      options.root,
      options.logDir,
    );
    this.router = new ServiceProcess(
      {
        name: 'router',
        entry: 'apps/router/dist/main.js',
        port: routerPort,
        env: common,
        nodeArgs: options.nodeArgs('router'),
      },
      options.root,
      options.logDir,
    );
    this.worker = new ServiceProcess(
      {
        name: 'delivery-worker',
        entry: 'apps/delivery-worker/dist/main.js',
        port: workerPort,
        env: common,
        nodeArgs: options.nodeArgs('delivery-worker'),
      },
      options.root,
      options.logDir,
    );
  }

  get services(): ServiceProcess[] {
    return [this.api, this.router, this.worker];
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.api.spec.port}`;
  }

  /** Creates the database, starts the services, and registers their undoing with `cleanup`. */
  static async start(
    options: PlatformOptions,
    cleanup: Cleanup,
    log: (line: string) => void,
  ): Promise<Platform> {
    const platform = new Platform(options, [await freePort(), await freePort(), await freePort()]);
    await adminQuery(options.adminPgUrl, `CREATE DATABASE ${pg.escapeIdentifier(options.databaseName)}`);
    cleanup.add(`database ${options.databaseName}`, () =>
      adminQuery(
        options.adminPgUrl,
        `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(options.databaseName)} WITH (FORCE)`,
      ),
    );
    cleanup.add(`topics ${options.topicPrefix}*`, async () => {
      const count = await deleteBenchTopics(platform.kafka, options.topicPrefix);
      log(`deleted ${count} topics`);
    });
    cleanup.add('services', async () => {
      await Promise.all(platform.services.map((service) => service.stop()));
    });
    // On a hard exit of the bench itself nothing async runs: kill the children synchronously.
    process.once('exit', () => {
      for (const service of platform.services) service.killNow();
    });
    const apiMs = await platform.api.start();
    log(`subscription-api ready in ${apiMs} ms (port ${platform.api.spec.port})`);
    const [routerMs, workerMs] = await Promise.all([platform.router.start(), platform.worker.start()]);
    log(`router ready in ${routerMs} ms, delivery-worker ready in ${workerMs} ms`);
    return platform;
  }

  /** A tenant and its API key, made with the API's admin CLI as an operator would. */
  async createTenant(name: string): Promise<{ tenantId: string; apiKey: string }> {
    const { stdout } = await run(
      process.execPath,
      [
        join(this.options.root, 'apps/subscription-api/dist/cli/admin.js'),
        'create-tenant',
        '--name',
        name,
        '--json',
      ],
      { env: { ...process.env, DATABASE_URL: this.databaseUrl, LOG_LEVEL: 'warn' } },
    );
    return JSON.parse(stdout) as { tenantId: string; apiKey: string };
  }

  /**
   * A subscription to rate.changed over the public REST API; returns its id and secret.
   * `timeoutMs` (issue 6's per-subscription timeout) is sent when given; an API that does not
   * know the field yet answers 400 naming it, and the subscription is then made without it
   * (`timeoutApplied: false`: the worker's own DELIVERY_TIMEOUT_MS, 15 s today, applies).
   */
  async subscribe(
    apiKey: string,
    url: string,
    description: string,
    timeoutMs?: number,
  ): Promise<{ id: string; secret: string; timeoutApplied: boolean }> {
    const post = (body: Record<string, unknown>) =>
      fetch(`${this.apiUrl}/v1/subscriptions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url, eventTypes: ['rate.changed'], description, ...body }),
      });
    let timeoutApplied = timeoutMs !== undefined;
    let response = await post(timeoutMs === undefined ? {} : { timeoutMs });
    let text = await response.text();
    if (response.status === 400 && timeoutMs !== undefined && text.includes('timeoutMs')) {
      timeoutApplied = false;
      response = await post({});
      text = await response.text();
    }
    if (response.status !== 201)
      throw new Error(`POST /v1/subscriptions answered ${response.status}: ${text}`);
    const created = JSON.parse(text) as { id: string; secret: string };
    return { id: created.id, secret: created.secret, timeoutApplied };
  }
}
