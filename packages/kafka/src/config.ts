import { z } from 'zod';

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
} as const;

export const KafkaEnv = z.object(kafkaEnvShape);
export type KafkaEnv = z.infer<typeof KafkaEnv>;
