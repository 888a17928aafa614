import { hostname } from 'node:os';
import { kafkaEnvShape } from '@hookstream/kafka';
import { envFields } from '@hookstream/service-kit';
import { z } from 'zod';

export const RouterEnv = z.object({
  /** HTTP port for /health and /metrics. */
  PORT: envFields.port(9464),
  HOST: envFields.host(),
  LOG_LEVEL: envFields.logLevel(),
  ...kafkaEnvShape,
  /** Consumer group of all router instances; defaults to <topic prefix>router. */
  ROUTER_GROUP_ID: z.string().min(1).optional(),
  /**
   * Kafka transactional id of this instance. Give each instance a stable one (a StatefulSet pod
   * name) so a restart fences and aborts its predecessor's open transaction at once.
   */
  ROUTER_TRANSACTIONAL_ID: z.string().min(1).default(`hookstream-router-${hostname()}-${process.pid}`),
  /** An open transaction of a crashed instance blocks read_committed readers this long, in ms. */
  ROUTER_TRANSACTION_TIMEOUT_MS: envFields.millis(10_000),
  /** How long the group waits for a silent member before reassigning its partitions, in ms. */
  KAFKA_SESSION_TIMEOUT_MS: envFields.millis(30_000, 6_000),
  /** How long a batch waits for the subscription view to catch up before it is retried, in ms. */
  ROUTER_VIEW_CATCH_UP_TIMEOUT_MS: envFields.millis(10_000),
});
export type RouterEnv = z.infer<typeof RouterEnv>;

export const ROUTER_ENV = Symbol('ROUTER_ENV');
