import { egressEnvShape } from '@hookstream/egress-guard';
import { encryptionEnvShape } from '@hookstream/envelope-encryption';
import { kafkaEnvShape } from '@hookstream/kafka';
import { envFields } from '@hookstream/service-kit';
import { z } from 'zod';

export const ApiEnv = z.object({
  /** HTTP port of the REST API, health and metrics. */
  PORT: envFields.port(8080),
  /** Serve /metrics on this port only, not on PORT (keeps metrics off a public port). */
  METRICS_PORT: envFields.metricsPort(),
  HOST: envFields.host(),
  LOG_LEVEL: envFields.logLevel(),
  /** Postgres holding tenants, keys and subscriptions; the database is created if missing. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .default('postgres://postgres@127.0.0.1:5432/hookstream'),
  /** Apply pending migrations at start-up (turn off when a deploy job runs them). */
  RUN_MIGRATIONS: envFields.flag(true),
  /** How often the outbox relay looks for unpublished changes, in ms (writes also wake it at once). */
  OUTBOX_POLL_INTERVAL_MS: envFields.millis(1_000, 50),
  /** How long a create/update waits for its change to reach Kafka before answering anyway, in ms. */
  OUTBOX_PUBLISH_WAIT_MS: envFields.millis(3_000, 0),
  /** Subscriptions one tenant may have; a create beyond it is a 409 (bounds the router's per-tenant fan-out). */
  MAX_SUBSCRIPTIONS_PER_TENANT: z.coerce.number().int().min(1).max(1_000_000).default(1_000),
  /** Sustained requests per second one API key may make (per API instance); beyond it a 429 with Retry-After. */
  RATE_LIMIT_PER_SECOND: z.coerce.number().positive().max(100_000).default(20),
  /** Requests one key may make at once after being idle (the token bucket's size). */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).max(100_000).default(40),
  /**
   * Failed authentications (missing, unknown or revoked key) one client address may make before
   * every request from it is answered 429, and how many it earns back per minute: guessing keys
   * becomes slow. Per API instance; behind a proxy every client shares its address.
   */
  AUTH_FAILURE_BURST: z.coerce.number().int().min(1).max(100_000).default(20),
  AUTH_FAILURES_PER_MINUTE: z.coerce.number().positive().max(100_000).default(30),
  /**
   * The test send signs and sends exactly as the delivery worker does, so these two mirror the
   * worker's variables of the same names (set them to the same values).
   */
  SIGNATURE_HEADER_PREFIX: z
    .string()
    .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'only characters valid in an HTTP header name')
    .optional(),
  DELIVERY_USER_AGENT: z.string().min(1).default('Hookstream-Webhooks/0.1'),
  /** production (default): https-only subscription URLs, public addresses only; development: local receivers. */
  HOOKSTREAM_ENV: envFields.deploymentMode(),
  ...egressEnvShape,
  ...encryptionEnvShape,
  /**
   * Run the attempt recorder (attempts and dead-letter topics → Postgres) in this process. It is
   * a consumer group, so any number of API instances share it; turn it off where a separate
   * deployment of this same image runs it.
   */
  ATTEMPT_RECORDER_ENABLED: envFields.flag(true),
  /** Consumer group of the attempt recorder; defaults to <topic prefix>attempt-log. */
  ATTEMPT_RECORDER_GROUP_ID: z.string().min(1).optional(),
  /**
   * How long the recorder's group waits for a silent member before reassigning its partitions,
   * in ms (the broker's floor, as for the router: a killed recorder's work moves on quickly).
   */
  KAFKA_SESSION_TIMEOUT_MS: envFields.millis(6_000, 6_000),
  /** Attempts and dead letters older than this many days are deleted from Postgres. */
  DELIVERY_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** How often the retention pruner runs, in ms (it deletes in bounded chunks each time). */
  DELIVERY_LOG_PRUNE_INTERVAL_MS: envFields.millis(3_600_000, 1_000),
  /**
   * A subscription whose every attempt has failed for this long is disabled, in ms (default 5
   * days). A 410 Gone disables at once, whatever this says.
   */
  AUTO_DISABLE_AFTER_MS: envFields.millis(5 * 86_400_000, 1_000),
  /** Most events-topic records one replay reads before it stops (failed, "narrow the window"). */
  REPLAY_MAX_EVENTS: envFields.positiveInt(1_000_000),
  /** Longest one replay may run, in ms, before it stops (failed). */
  REPLAY_MAX_DURATION_MS: envFields.millis(1_800_000, 1_000),
  ...kafkaEnvShape,
});
export type ApiEnv = z.infer<typeof ApiEnv>;

/** Nest injection token for the parsed env. */
export const API_ENV = Symbol('API_ENV');
