import { hostname } from 'node:os';
import { DEFAULT_SESSION_TIMEOUT_MS, kafkaEnvShape } from '@hookstream/kafka';
import { envFields } from '@hookstream/service-kit';
import { z } from 'zod';

export const RouterEnv = z.object({
  /** HTTP port for /health and /metrics. */
  PORT: envFields.port(9464),
  /** Serve /metrics on this port only, not on PORT (keeps metrics off a public port). */
  METRICS_PORT: envFields.metricsPort(),
  HOST: envFields.host(),
  LOG_LEVEL: envFields.logLevel(),
  ...kafkaEnvShape,
  /** Consumer group of all router instances; defaults to <topic prefix>router. */
  ROUTER_GROUP_ID: z.string().min(1).optional(),
  /**
   * Which router this is on its host (0, 1, 2 …), part of the default transactional id. Two
   * routers with the same transactional id fence each other, so run several on one host with
   * distinct values. Stable across restarts on purpose: see ROUTER_TRANSACTIONAL_ID.
   */
  ROUTER_INSTANCE_ID: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+$/, 'only letters, digits, ".", "_" and "-"')
    .default('0'),
  /**
   * Kafka transactional id of this instance; defaults to
   * <topic prefix>router-<hostname>-<ROUTER_INSTANCE_ID>. It must be stable across restarts
   * (a StatefulSet pod name is): the restarted instance then fences its crashed predecessor
   * and aborts its open transaction at once, instead of read_committed readers waiting for
   * the transaction timeout. It must be unique among running routers of one cluster.
   */
  ROUTER_TRANSACTIONAL_ID: z.string().min(1).optional(),
  /**
   * The coordinator aborts a transaction left open this long, in ms: how long an instance that
   * vanished and never comes back under its id blocks read_committed readers. Longer than any
   * batch's transaction (a fan-out of several MiB on a busy host takes seconds).
   */
  ROUTER_TRANSACTION_TIMEOUT_MS: envFields.millis(10_000),
  /**
   * Producer rebuilds in a row, without one committed transaction, before the router gives up
   * (its consumer stops, /health/live answers 503 and the process exits 1 for its supervisor
   * to restart). A rebuild follows a commit or abort that failed (fencing, broker restart,
   * coordinator move); kafkajs' batch retry backoff (0.1 s doubling to 5 s) spaces them.
   */
  ROUTER_PRODUCER_RECOVERY_LIMIT: z.coerce.number().int().min(0).default(5),
  /**
   * How long the group waits for a silent member before reassigning its partitions, in ms
   * (the broker's floor is 6000): how long a crashed router's partitions stand still.
   */
  KAFKA_SESSION_TIMEOUT_MS: envFields.millis(DEFAULT_SESSION_TIMEOUT_MS, 6_000),
  /** How long a batch waits for the subscription view to catch up before it is retried, in ms. */
  ROUTER_VIEW_CATCH_UP_TIMEOUT_MS: envFields.millis(10_000),
  /**
   * How long restoring one partition's condition state (change_pct previous values, cooldowns)
   * from the router-state changelog may take before the batch is retried, in ms. Restores run
   * at start and after each rebalance, before the partition's first batch.
   */
  ROUTER_STATE_RESTORE_TIMEOUT_MS: envFields.millis(30_000),
  /**
   * How often consumer lag and topic counts are read from the broker for /metrics, in ms. Each
   * read is a few admin requests; lower means fresher lag panels and more broker load.
   */
  KAFKA_LAG_INTERVAL_MS: envFields.millis(15_000, 100),
  /**
   * Most tenants named in a per-tenant metric's labels (subscriptions per tenant: the largest);
   * the rest are summed as tenant="other". Bounds the number of series.
   */
  METRICS_TENANT_LIMIT: z.coerce.number().int().min(0).default(50),
});
export type RouterEnv = z.infer<typeof RouterEnv>;

export const ROUTER_ENV = Symbol('ROUTER_ENV');

export function routerGroupId(env: RouterEnv): string {
  return env.ROUTER_GROUP_ID ?? `${env.HOOKSTREAM_TOPIC_PREFIX}router`;
}

/**
 * The transactional id: the topic prefix keeps environments sharing a cluster (and parallel
 * test runs) from fencing each other; hostname plus instance index keeps it stable per instance.
 */
export function routerTransactionalId(env: RouterEnv, host: string = hostname()): string {
  return (
    env.ROUTER_TRANSACTIONAL_ID ?? `${env.HOOKSTREAM_TOPIC_PREFIX}router-${host}-${env.ROUTER_INSTANCE_ID}`
  );
}
