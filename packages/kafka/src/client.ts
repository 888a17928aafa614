import { Kafka, logLevel } from 'kafkajs';
import { jsonLogCreator } from './log-creator.js';
import type { KafkaClientSecurity } from './security/client-security.js';

export interface KafkaClientOptions {
  /** host:port list of bootstrap brokers. */
  brokers: readonly string[];
  /** Shows in broker logs and quotas; one per service. */
  clientId: string;
  /** kafkajs log level; WARN by default because INFO logs every group join. */
  logLevel?: logLevel;
  /** SASL and TLS; from `kafkaClientSecurity(env)`. Omitted = plaintext, unauthenticated. */
  security?: KafkaClientSecurity;
}

/**
 * The one place a kafkajs client is built, so timeouts and retry policy are the same in every
 * service. Retries are bounded (about 30 s in all) so a dead broker surfaces as an error a
 * health check can report, instead of a hang.
 */
export function createKafkaClient(options: KafkaClientOptions): Kafka {
  // We rely on kafkajs 2's default (Java-compatible murmur2) partitioner on purpose, so its
  // "default partitioner changed in v2" notice says nothing new.
  process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
  return new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: options.logLevel ?? logLevel.WARN,
    logCreator: jsonLogCreator,
    // Loopback and in-cluster brokers answer in milliseconds; 3 s catches a dead one quickly.
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 100, retries: 8, maxRetryTime: 5_000 },
    ...(options.security?.ssl !== undefined ? { ssl: options.security.ssl } : {}),
    ...(options.security?.sasl !== undefined ? { sasl: options.security.sasl } : {}),
  });
}
