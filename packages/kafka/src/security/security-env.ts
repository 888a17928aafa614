import { z } from 'zod';

const flag = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(defaultValue ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1');

export const SASL_MECHANISMS = ['none', 'plain', 'scram-sha-256', 'scram-sha-512'] as const;

/**
 * How a service authenticates to the brokers and protects the connection. Part of kafkaEnvShape,
 * so every service takes the same variables; each service gets its own principal (user name)
 * so ACLs can say who may write what (see infra/kafka/README.md, "ACLs").
 */
export const kafkaSecurityEnvShape = {
  /**
   * SASL mechanism: "none" (the local plaintext broker), or "scram-sha-512" (what production and
   * the secure local broker use); "scram-sha-256" and "plain" (only over TLS) for other clusters.
   */
  KAFKA_SASL_MECHANISM: z.enum(SASL_MECHANISMS).default('none'),
  /** SASL user name: the service's Kafka principal, e.g. "hookstream-router". */
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** SASL password of that user. Never logged. */
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  /** Connect with TLS. Production brokers should require it; the local brokers do not speak it. */
  KAFKA_SSL: flag(false),
  /**
   * PEM file of the CA(s) that signed the brokers' certificates, when they are not in Node's
   * default trust store. Read once at start; implies KAFKA_SSL.
   */
  KAFKA_SSL_CA_FILE: z.string().min(1).optional(),
} as const;

export const KafkaSecurityEnv = z.object(kafkaSecurityEnvShape);
export type KafkaSecurityEnv = z.infer<typeof KafkaSecurityEnv>;

/**
 * Cross-field rules the shape alone cannot express. Empty when the settings are consistent;
 * each problem starts with the variable's name so it reads like the other config errors.
 */
export function kafkaSecurityProblems(env: KafkaSecurityEnv): string[] {
  const problems: string[] = [];
  const sasl = env.KAFKA_SASL_MECHANISM !== 'none';
  if (sasl && !env.KAFKA_SASL_USERNAME) {
    problems.push(`KAFKA_SASL_USERNAME: required when KAFKA_SASL_MECHANISM=${env.KAFKA_SASL_MECHANISM}`);
  }
  if (sasl && !env.KAFKA_SASL_PASSWORD) {
    problems.push(`KAFKA_SASL_PASSWORD: required when KAFKA_SASL_MECHANISM=${env.KAFKA_SASL_MECHANISM}`);
  }
  if (!sasl && (env.KAFKA_SASL_USERNAME || env.KAFKA_SASL_PASSWORD)) {
    problems.push(
      'KAFKA_SASL_MECHANISM: set it (e.g. scram-sha-512) when a SASL user name or password is given',
    );
  }
  const tls = env.KAFKA_SSL || env.KAFKA_SSL_CA_FILE !== undefined;
  if (env.KAFKA_SASL_MECHANISM === 'plain' && !tls) {
    problems.push('KAFKA_SASL_MECHANISM: plain sends the password in clear; use it only with KAFKA_SSL=true');
  }
  return problems;
}
