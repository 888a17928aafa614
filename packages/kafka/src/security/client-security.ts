import { readFileSync } from 'node:fs';
import type { SASLOptions } from 'kafkajs';
import { type KafkaSecurityEnv, kafkaSecurityProblems } from './security-env.js';

/** The part of a kafkajs client config that authenticates and encrypts. */
export interface KafkaClientSecurity {
  sasl?: SASLOptions;
  /** true = TLS with Node's trust store; an object adds a CA. */
  ssl?: boolean | { ca: string[] };
}

export class KafkaSecurityConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid Kafka security configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'KafkaSecurityConfigError';
  }
}

/**
 * Turns the KAFKA_SASL_* / KAFKA_SSL* variables into kafkajs options. Throws
 * KafkaSecurityConfigError (naming the variables, never the password) when they contradict
 * each other or the CA file cannot be read, so a misconfigured service stops at start.
 */
export function kafkaClientSecurity(env: KafkaSecurityEnv): KafkaClientSecurity {
  const problems = kafkaSecurityProblems(env);
  let ca: string | undefined;
  if (env.KAFKA_SSL_CA_FILE !== undefined) {
    try {
      ca = readFileSync(env.KAFKA_SSL_CA_FILE, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      problems.push(`KAFKA_SSL_CA_FILE: cannot read ${env.KAFKA_SSL_CA_FILE} (${code})`);
    }
  }
  if (problems.length > 0) throw new KafkaSecurityConfigError(problems);
  const security: KafkaClientSecurity = {};
  if (ca !== undefined) security.ssl = { ca: [ca] };
  else if (env.KAFKA_SSL) security.ssl = true;
  const username = env.KAFKA_SASL_USERNAME ?? '';
  const password = env.KAFKA_SASL_PASSWORD ?? '';
  switch (env.KAFKA_SASL_MECHANISM) {
    case 'none':
      break;
    case 'plain':
      security.sasl = { mechanism: 'plain', username, password };
      break;
    case 'scram-sha-256':
      security.sasl = { mechanism: 'scram-sha-256', username, password };
      break;
    case 'scram-sha-512':
      security.sasl = { mechanism: 'scram-sha-512', username, password };
      break;
  }
  return security;
}
