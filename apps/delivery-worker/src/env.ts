import { hostname } from 'node:os';
import { egressEnvShape } from '@hookstream/egress-guard';
import { encryptionEnvShape } from '@hookstream/envelope-encryption';
import { kafkaEnvShape } from '@hookstream/kafka';
import { envFields } from '@hookstream/service-kit';
import { z } from 'zod';

export const WorkerEnv = z.object({
  /** HTTP port for /health and /metrics. */
  PORT: envFields.port(9465),
  /** Serve /metrics on this port only, not on PORT (keeps metrics off a public port). */
  METRICS_PORT: envFields.metricsPort(),
  HOST: envFields.host(),
  LOG_LEVEL: envFields.logLevel(),
  ...kafkaEnvShape,
  /**
   * production (default): deliveries only over https to allowed ports and public addresses,
   * checked at connect time; encryption keys required. development: local receivers allowed.
   */
  HOOKSTREAM_ENV: envFields.deploymentMode(),
  ...egressEnvShape,
  ...encryptionEnvShape,
  /** Consumer group of all workers; defaults to <topic prefix>delivery-worker. */
  WORKER_GROUP_ID: z.string().min(1).optional(),
  /** Deliveries in flight per instance, across partitions; bounds memory and sockets. */
  WORKER_MAX_IN_FLIGHT: envFields.positiveInt(200),
  /**
   * Deliveries in flight to one endpoint (URL origin) at once: its share of the instance, so a
   * slow endpoint holds at most this many slots. An endpoint may go past it only while the
   * instance is less than half busy (idle slots are lent, never the last half).
   */
  WORKER_ENDPOINT_MAX_IN_FLIGHT: envFields.positiveInt(20),
  /** Deliveries in flight for one tenant across all its endpoints: many slow endpoints of one tenant cannot take every slot. */
  WORKER_TENANT_MAX_IN_FLIGHT: envFields.positiveInt(100),
  /** Tasks waiting in memory for one endpoint's slot; past it, further tasks are moved aside at once. */
  WORKER_ENDPOINT_QUEUE_SIZE: envFields.positiveInt(50),
  /** Tasks waiting in memory across all endpoints; at the limit fetching waits (bounds memory). */
  WORKER_MAX_QUEUED: envFields.positiveInt(1_000),
  /**
   * Records begun and not yet durable, at most: in flight, queued, and finished but waiting for
   * their outcome transaction. At the limit fetching waits (heartbeats go on). This is what a
   * burst keeps in memory, so it bounds the worker's peak RSS (issue 7): at 6,200 (in flight +
   * queued + two 2,500-record transactions, the bound before) a 20,000-event burst held ~4,000
   * queued tasks. 2,500 leaves WORKER_MAX_IN_FLIGHT + WORKER_MAX_QUEUED (1,200) running and
   * waiting plus 1,300 outcomes being written; below that sum the queues never fill.
   */
  WORKER_MAX_PENDING: envFields.positiveInt(2_500),
  /**
   * Bytes one fetch may return per partition, in bytes (kafkajs' default is 1 MiB, ~1,700 tasks).
   * A fetch response is decoded at once and stays alive while any of its records is pending, so
   * this bounds what one fetch adds to the worker's memory (issue 7); 256 KiB is ~430 tasks.
   */
  WORKER_FETCH_MAX_BYTES_PER_PARTITION: envFields.positiveInt(262_144),
  /**
   * How long a task may wait in memory for its endpoint's or tenant's share, in ms; then it is
   * moved aside (to a retry topic, not counted as an attempt) so the partition's commit moves on.
   */
  WORKER_QUEUE_WAIT_MS: envFields.millis(500, 10),
  /**
   * Average request time from which an endpoint counts as slow, in ms: its queue keeps its
   * bound and its tasks over its share move aside even when nobody else waits. A fast endpoint
   * alone may queue past its bound (up to WORKER_MAX_QUEUED) instead. 5 s, not less: on a
   * CPU-starved host every request takes seconds for a while, and a lower bound judged healthy
   * endpoints slow and moved thousands of their tasks aside (they then came back at the pace
   * measured during the stall: minutes). The 10-s endpoint of issue 6 is still slow.
   */
  WORKER_SLOW_ENDPOINT_MS: envFields.millis(5_000, 1),
  /** Shortest delay of a task moved aside, in ms; longer when its endpoint is backed up. */
  WORKER_DEFER_MIN_MS: envFields.millis(2_000, 100),
  /** Consecutive failed attempts (5xx, 429, timeout, network error) that open an endpoint's breaker. */
  WORKER_BREAKER_FAILURES: envFields.positiveInt(5),
  /** How long an open breaker stays open before one probe is let through, in ms. */
  WORKER_BREAKER_OPEN_MS: envFields.millis(30_000, 100),
  /**
   * Whole-request limit for one POST (connect, send, response headers and body), in ms, when the
   * subscription has no timeoutMs of its own (1 000 – 30 000).
   */
  DELIVERY_TIMEOUT_MS: envFields.millis(10_000, 100),
  /** Limit for opening the TCP (and TLS) connection, in ms; a black-holed host fails fast. */
  WORKER_CONNECT_TIMEOUT_MS: envFields.millis(3_000, 100),
  /** Longest a DNS answer is reused, in ms (shorter when its own TTL is shorter). */
  WORKER_DNS_MAX_TTL_MS: envFields.millis(60_000, 1),
  /**
   * Longest a delivery may go on a subscription view that was not checked against the topic's
   * end, in ms: after a DELETE or PATCH is answered, deliveries starting later than this use
   * the new state. One ListOffsets request per window, shared by every delivery.
   */
  WORKER_VIEW_MAX_STALENESS_MS: envFields.millis(250, 1),
  /**
   * On SIGTERM, how long in-flight deliveries may finish before the rest is abandoned (their
   * offsets stay uncommitted, so the next owner sends them again), in ms.
   */
  WORKER_DRAIN_TIMEOUT_MS: envFields.millis(12_000, 0),
  /**
   * Attempts per delivery, the first included. 10 spans about 25 h with the retry tiers
   * (5 s + 30 s + 2 min + 15 min + 1 h + 4 × 6 h), so an endpoint can be down a day.
   */
  DELIVERY_MAX_ATTEMPTS: envFields.positiveInt(10),
  /**
   * How long the group waits for a silent member before giving its partitions to others, in
   * ms. The default is the broker's floor (group.min.session.timeout.ms, 6000): a killed
   * worker's partitions move within about 6 s. Heartbeats go every tenth of it (600 ms).
   */
  KAFKA_SESSION_TIMEOUT_MS: envFields.millis(6_000, 6_000),
  /**
   * How often finished work's offsets are committed, in ms. Work done since the last commit is
   * sent again after a crash, so a short interval keeps duplicates rare.
   */
  WORKER_COMMIT_INTERVAL_MS: envFields.millis(200, 20),
  /**
   * Which worker this is on its host (0, 1, 2 …), part of the default transactional id. Two
   * workers with the same transactional id fence each other, so run several on one host with
   * distinct values. Stable across restarts on purpose: see WORKER_TRANSACTIONAL_ID.
   */
  WORKER_INSTANCE_ID: z
    .string()
    .regex(/^[a-zA-Z0-9._-]+$/, 'only letters, digits, ".", "_" and "-"')
    .default('0'),
  /**
   * Kafka transactional id of this instance's outcome writer; defaults to
   * <topic prefix>delivery-worker-<hostname>-<WORKER_INSTANCE_ID>. It must be stable across
   * restarts (a StatefulSet pod name is): the restarted instance then fences its killed
   * predecessor and aborts its open transaction at once, instead of read_committed readers of
   * the partitions it wrote (retry tiers, dead letters, attempts) waiting for the transaction timeout. It
   * must be unique among running workers of one cluster.
   */
  WORKER_TRANSACTIONAL_ID: z.string().min(1).optional(),
  /** An open transaction of a crashed instance blocks read_committed readers this long, in ms. */
  WORKER_TRANSACTION_TIMEOUT_MS: envFields.millis(10_000, 1_000),
  /** Prefix of the partner schemes' headers (X-Webhook-Signature, ...), e.g. "X-Acme-". */
  SIGNATURE_HEADER_PREFIX: z
    .string()
    .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'only characters valid in an HTTP header name')
    .optional(),
  /** Sent as User-Agent so receivers can tell our requests apart. */
  DELIVERY_USER_AGENT: z.string().min(1).default('Hookstream-Webhooks/0.1'),
  /**
   * How often the worker group's lag (deliveries and retry tiers) and the dead-letter count are
   * read from the broker for /metrics, in ms. Each read is a few admin requests.
   */
  KAFKA_LAG_INTERVAL_MS: envFields.millis(15_000, 100),
  /**
   * Most tenants named in the per-tenant metrics' labels (the first seen); later tenants are
   * counted as tenant="other". Bounds the number of series.
   */
  METRICS_TENANT_LIMIT: z.coerce.number().int().min(0).default(50),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;

export const WORKER_ENV = Symbol('WORKER_ENV');

/**
 * The transactional id: the topic prefix keeps environments sharing a cluster (and parallel
 * test runs) from fencing each other; hostname plus instance index keeps it stable per instance.
 */
export function workerTransactionalId(env: WorkerEnv, host: string = hostname()): string {
  return (
    env.WORKER_TRANSACTIONAL_ID ??
    `${env.HOOKSTREAM_TOPIC_PREFIX}delivery-worker-${host}-${env.WORKER_INSTANCE_ID}`
  );
}
