import { z } from 'zod';
import { kafkaSecurityEnvShape } from './security/security-env.js';
import { DEFAULT_PARTITION_COUNTS, type PartitionCounts } from './topics.js';

/**
 * A topic's partition count: a whole number from 1 to 10 000 (far above what one consumer
 * group needs). The defaults (3) suit one small broker.
 */
function partitionCount(defaultCount: number) {
  return z.coerce.number().int().min(1).max(10_000).default(defaultCount);
}

/**
 * Environment variables every Kafka-speaking process shares. Apps spread this into their own
 * env schema so a typo'd or missing value fails start-up with the variable's name.
 */
export const kafkaEnvShape = {
  /** Comma-separated host:port list of bootstrap brokers. */
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .transform((value) =>
      value
        .split(',')
        .map((broker) => broker.trim())
        .filter((broker) => broker.length > 0),
    )
    .pipe(z.array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'expected host:port')).min(1)),
  /** Prefix of every topic name; lets several environments (or tests) share one cluster. */
  HOOKSTREAM_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'only letters, digits, ".", "_" and "-" are valid in topic names')
    .default('hookstream.'),
  /**
   * Partitions of the events topic: the most router instances that can share the work. Used
   * when the topic is created, and raised (never lowered) at start when it has fewer.
   */
  HOOKSTREAM_EVENTS_PARTITIONS: partitionCount(DEFAULT_PARTITION_COUNTS.events),
  /** Partitions of the deliveries topic: the most delivery-worker instances that share new deliveries. */
  HOOKSTREAM_DELIVERIES_PARTITIONS: partitionCount(DEFAULT_PARTITION_COUNTS.deliveries),
  /** Partitions of each retry topic: the most delivery-worker instances that share one tier's retries. */
  HOOKSTREAM_RETRY_PARTITIONS: partitionCount(DEFAULT_PARTITION_COUNTS.retry),
  ...kafkaSecurityEnvShape,
} as const;

export const KafkaEnv = z.object(kafkaEnvShape);
export type KafkaEnv = z.infer<typeof KafkaEnv>;

/** The configured partition counts, in the shape allTopicSpecs takes. */
export function partitionCounts(env: KafkaEnv): PartitionCounts {
  return {
    events: env.HOOKSTREAM_EVENTS_PARTITIONS,
    deliveries: env.HOOKSTREAM_DELIVERIES_PARTITIONS,
    retry: env.HOOKSTREAM_RETRY_PARTITIONS,
  };
}
