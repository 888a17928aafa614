import { kafkaEnvShape } from '@hookstream/kafka';
import { envFields } from '@hookstream/service-kit';
import { z } from 'zod';

export const WorkerEnv = z.object({
  /** HTTP port for /health and /metrics. */
  PORT: envFields.port(9465),
  HOST: envFields.host(),
  LOG_LEVEL: envFields.logLevel(),
  ...kafkaEnvShape,
  /** Consumer group of all workers; defaults to <topic prefix>delivery-worker. */
  WORKER_GROUP_ID: z.string().min(1).optional(),
  /** Deliveries in flight per instance, across partitions; bounds memory and sockets. */
  WORKER_MAX_IN_FLIGHT: envFields.positiveInt(200),
  /** Whole-request limit for one POST (connect, send, response headers and body), in ms. */
  DELIVERY_TIMEOUT_MS: envFields.millis(15_000, 100),
  /**
   * Attempts per delivery, the first included. 10 spans about 25 h with the retry tiers
   * (5 s + 30 s + 2 min + 15 min + 1 h + 4 × 6 h), so an endpoint can be down a day.
   */
  DELIVERY_MAX_ATTEMPTS: envFields.positiveInt(10),
  /**
   * How long the group waits for a silent member before giving its partitions to others, in
   * ms. Lower means faster takeover after a crash; the broker's floor is 6000 by default.
   */
  KAFKA_SESSION_TIMEOUT_MS: envFields.millis(30_000, 6_000),
  /** How often finished work's offsets are committed, in ms. */
  WORKER_COMMIT_INTERVAL_MS: envFields.millis(1_000, 100),
  /** Prefix of the partner schemes' headers (X-Webhook-Signature, ...), e.g. "X-Acme-". */
  SIGNATURE_HEADER_PREFIX: z
    .string()
    .regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/, 'only characters valid in an HTTP header name')
    .optional(),
  /** Sent as User-Agent so receivers can tell our requests apart. */
  DELIVERY_USER_AGENT: z.string().min(1).default('Hookstream-Webhooks/0.1'),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;

export const WORKER_ENV = Symbol('WORKER_ENV');
