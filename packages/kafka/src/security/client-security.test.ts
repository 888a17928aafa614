import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { KafkaSecurityConfigError, kafkaClientSecurity } from './client-security.js';
import { KafkaSecurityEnv } from './security-env.js';

const parse = (vars: Record<string, string>) => KafkaSecurityEnv.parse(vars);

describe('kafkaClientSecurity', () => {
  it('is plaintext and anonymous by default (the local broker)', () => {
    assert.deepEqual(kafkaClientSecurity(parse({})), {});
  });

  it('builds SCRAM-SHA-512 with the service user', () => {
    const env = parse({
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'hookstream-router',
      KAFKA_SASL_PASSWORD: 'pw',
    });
    assert.deepEqual(kafkaClientSecurity(env), {
      sasl: { mechanism: 'scram-sha-512', username: 'hookstream-router', password: 'pw' },
    });
  });

  it('adds TLS, with a CA file when given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hs-ca-'));
    try {
      const caFile = join(dir, 'ca.pem');
      writeFileSync(caFile, '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n');
      assert.deepEqual(kafkaClientSecurity(parse({ KAFKA_SSL: 'true' })), { ssl: true });
      assert.deepEqual(kafkaClientSecurity(parse({ KAFKA_SSL_CA_FILE: caFile })).ssl, {
        ca: ['-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----\n'],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const refused: ReadonlyArray<readonly [string, Record<string, string>, RegExp]> = [
    [
      'SCRAM without a user',
      { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_PASSWORD: 'pw' },
      /KAFKA_SASL_USERNAME: required/,
    ],
    [
      'SCRAM without a password',
      { KAFKA_SASL_MECHANISM: 'scram-sha-512', KAFKA_SASL_USERNAME: 'u' },
      /KAFKA_SASL_PASSWORD: required/,
    ],
    [
      'a user without a mechanism',
      { KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'secret-pw' },
      /KAFKA_SASL_MECHANISM: set it/,
    ],
    [
      'PLAIN without TLS',
      { KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: 'secret-pw' },
      /plain sends the password in clear/,
    ],
    [
      'a missing CA file',
      { KAFKA_SSL_CA_FILE: '/nonexistent/ca.pem' },
      /KAFKA_SSL_CA_FILE: cannot read \/nonexistent\/ca.pem \(ENOENT\)/,
    ],
  ];
  for (const [why, vars, expected] of refused) {
    it(`refuses ${why}, naming the variable and not the password`, () => {
      assert.throws(
        () => kafkaClientSecurity(parse(vars)),
        (error: unknown) =>
          error instanceof KafkaSecurityConfigError &&
          expected.test(error.message) &&
          !error.message.includes('secret-pw'),
      );
    });
  }

  it('refuses an unknown mechanism at parse time', () => {
    assert.equal(KafkaSecurityEnv.safeParse({ KAFKA_SASL_MECHANISM: 'gssapi' }).success, false);
  });
});
