import { parseArgs } from 'node:util';
import { hideKnownKafkajsWarnings, KafkaEnv } from '@hookstream/kafka';
import { loadEnv, runMain } from '@hookstream/service-kit';
import pg from 'pg';
import { migrate } from '../database/migrate.js';
import { ApiEnv } from '../env.js';
import { loadKeyring } from '../secrets/keyring.js';
import { reencryptSecrets } from '../secrets/reencrypt-secrets.js';
import { createTenantWithKey } from '../tenants/create-tenant.js';
import { formatQuarantined, listQuarantine } from './list-quarantine.js';
import {
  isScalableTopic,
  RaisePartitionsError,
  raisePartitions,
  SCALABLE_TOPICS,
} from './raise-partitions.js';

const USAGE = `usage: node apps/subscription-api/dist/cli/admin.js <command> [options]

commands:
  migrate                         create the database if missing and apply migrations
  create-tenant --name <name>     create a tenant and its first API key (printed once)
                [--json]          print {"tenantId","keyId","apiKey"} as JSON
  raise-partitions --topic <events|deliveries|retry> --count <n>
                                  raise the partition count of that topic (retry: every retry
                                  topic) on the running cluster, so more instances share it;
                                  never lowers
  re-encrypt                      put every subscription's secrets and custom header values
                                  under HOOKSTREAM_ENCRYPTION_ACTIVE_KEY (Postgres and, via the
                                  outbox, the subscriptions topic); safe to re-run
  quarantine [--limit <n>] [--json]
                                  the newest quarantined events (default 20, at most 1000)
                                  with their reason code and reason, newest first

environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hookstream);
raise-partitions, quarantine: KAFKA_BROKERS, HOOKSTREAM_TOPIC_PREFIX;
re-encrypt: HOOKSTREAM_ENV, HOOKSTREAM_ENCRYPTION_KEYS (every key still in use),
HOOKSTREAM_ENCRYPTION_ACTIVE_KEY`;

/** The CLI needs only the database: same variable, default and check as the service. */
const AdminEnv = ApiEnv.pick({ DATABASE_URL: true });
const ReencryptEnv = ApiEnv.pick({
  DATABASE_URL: true,
  HOOKSTREAM_ENV: true,
  HOOKSTREAM_ENCRYPTION_KEYS: true,
  HOOKSTREAM_ENCRYPTION_ACTIVE_KEY: true,
});

await runMain(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      json: { type: 'boolean', default: false },
      topic: { type: 'string' },
      count: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  const command = positionals[0];
  if (command === 'quarantine') {
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000) {
      process.stderr.write('error: quarantine --limit needs a whole number from 1 to 1000\n');
      process.exitCode = 2;
      return;
    }
    hideKnownKafkajsWarnings();
    const events = await listQuarantine(loadEnv(KafkaEnv), limit);
    process.stdout.write(values.json ? `${JSON.stringify(events)}\n` : formatQuarantined(events));
    return;
  }
  if (command === 'raise-partitions') {
    const count = Number(values.count);
    if (
      !values.topic ||
      !isScalableTopic(values.topic) ||
      !Number.isInteger(count) ||
      count < 1 ||
      count > 10_000
    ) {
      process.stderr.write(
        `error: raise-partitions needs --topic ${Object.keys(SCALABLE_TOPICS).join('|')} and --count, a whole number from 1 to 10000\n`,
      );
      process.exitCode = 2;
      return;
    }
    // An operator reads this output: keep kafkajs's known Node 24 timer warning out of it.
    hideKnownKafkajsWarnings();
    try {
      const raised = await raisePartitions(loadEnv(KafkaEnv), values.topic, count);
      for (const raise of raised)
        process.stdout.write(`raised ${raise.topic} from ${raise.from} to ${raise.to} partitions\n`);
      if (raised.length === 0)
        process.stdout.write(`every ${values.topic} topic already has ${count} partitions\n`);
      process.stdout.write(
        `set ${SCALABLE_TOPICS[values.topic]}=${count} for the services too, so a new environment gets the same count\n`,
      );
    } catch (error) {
      if (!(error instanceof RaisePartitionsError)) throw error;
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 1;
    }
    return;
  }
  if (command === 're-encrypt') {
    const reencryptEnv = loadEnv(ReencryptEnv);
    const keyring = loadKeyring(reencryptEnv);
    const pool = new pg.Pool({ connectionString: reencryptEnv.DATABASE_URL, max: 2 });
    try {
      const report = await reencryptSecrets(pool, keyring);
      process.stdout.write(
        `re-encrypted ${report.reencrypted} of ${report.checked} subscriptions under key ${keyring.activeKeyId}` +
          `${report.reencrypted > 0 ? '; the running API publishes them to the subscriptions topic' : ''}\n`,
      );
    } finally {
      await pool.end();
    }
    return;
  }
  const env = loadEnv(AdminEnv);
  if (command === 'migrate') {
    const applied = await migrate(env.DATABASE_URL);
    process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'up to date\n');
    return;
  }
  if (command === 'create-tenant' && values.name) {
    await migrate(env.DATABASE_URL);
    const pool = new pg.Pool({ connectionString: env.DATABASE_URL, max: 1 });
    try {
      const created = await createTenantWithKey(pool, values.name);
      process.stdout.write(
        values.json
          ? `${JSON.stringify(created)}\n`
          : `tenant ${created.tenantId}\napi key ${created.apiKey}\n(the key is shown only now; store it safely)\n`,
      );
    } finally {
      await pool.end();
    }
    return;
  }
  process.stderr.write(`${USAGE}\n`);
  process.exitCode = 2;
});
