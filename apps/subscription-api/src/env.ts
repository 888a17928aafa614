import { egressEnvShape } from '@hookstream/egress-guard';
import { encryptionEnvShape } from '@hookstream/envelope-encryption';
import { kafkaEnvShape } from '@hookstream/kafka';
import { envFields } from '@hookstream/service-kit';
import { z } from 'zod';

export const ApiEnv = z.object({
  /** HTTP port of the REST API, health and metrics. */
  PORT: envFields.port(8080),
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
  ...kafkaEnvShape,
});
export type ApiEnv = z.infer<typeof ApiEnv>;

/** Nest injection token for the parsed env. */
export const API_ENV = Symbol('API_ENV');
