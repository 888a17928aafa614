import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { keyIdOf } from '@hookstream/envelope-encryption';
import { createKafkaClient, resolveTopics, SubscriptionRecord } from '@hookstream/kafka';
import {
  freePort,
  readTopic,
  repoRoot,
  type ServiceProcess,
  startService,
  testBrokers,
} from '@hookstream/testkit';
import pg from 'pg';
import { type ApiUnderTest, startApi } from './api-harness.js';

// Issue 11: a signing secret and a custom header value never appear in clear in Postgres (any
// table), in the outbox, on the subscriptions topic, or in the API's logs; and `admin
// re-encrypt` moves them to a new key so the old key can be dropped.

const run = promisify(execFile);
const KNOWN_SECRET = `known-secret-${randomBytes(8).toString('hex')}`;
const KNOWN_HEADER = `Bearer known-header-${randomBytes(8).toString('hex')}`;
const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;

let api: ApiUnderTest;
let key: string;
let id: string;
const extra: ServiceProcess[] = [];

function assertNoSecret(text: string, where: string): void {
  assert.ok(!text.includes(KNOWN_SECRET), `the signing secret is in clear in ${where}`);
  assert.ok(!text.includes(KNOWN_HEADER), `the header value is in clear in ${where}`);
}

/** Every row of every table of the API's database, as text. */
async function databaseDump(url: string): Promise<string> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    const tables = await pool.query<{ name: string }>(
      "SELECT quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema = 'public'",
    );
    const dumps: string[] = [];
    for (const { name } of tables.rows) {
      const rows = await pool.query<{ row: string }>(`SELECT t::text AS row FROM ${name} t`);
      dumps.push(`${name}: ${rows.rows.map((row) => row.row).join('\n')}`);
    }
    return dumps.join('\n');
  } finally {
    await pool.end();
  }
}

async function subscriptionRecords(): Promise<SubscriptionRecord[]> {
  const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'secrets-at-rest-test' });
  const records = await readTopic(kafka, resolveTopics(api.prefix).subscriptions, 1, { settleMs: 500 });
  return records
    .filter((record) => record.value !== null)
    .map((record) => SubscriptionRecord.parse(JSON.parse(record.value ?? '')));
}

before(async () => {
  api = await startApi('secrets-at-rest', {
    HOOKSTREAM_ENV: 'production',
    HOOKSTREAM_ENCRYPTION_KEYS: k1,
    LOG_LEVEL: 'debug',
  });
  key = (await api.newTenant('secrets-at-rest')).apiKey;
  const created = await api.call(
    'POST',
    '/v1/subscriptions',
    {
      url: 'https://hooks.example.com/in',
      eventTypes: ['card.*'],
      signatureScheme: 'hmac-sha256-hex',
      secret: KNOWN_SECRET,
      secretPolicy: 'retrievable',
      headers: { Authorization: KNOWN_HEADER },
    },
    key,
  );
  assert.equal(created.status, 201, JSON.stringify(created.json));
  id = String(created.json.id);
});

after(async () => {
  for (const process of extra) await process.stop();
  await api?.stop();
});

describe('secrets at rest', () => {
  test('Postgres, the outbox and the subscriptions topic hold only ciphertext, under the active key', async () => {
    assertNoSecret(await databaseDump(api.database.url), 'Postgres');
    const records = await subscriptionRecords();
    assert.ok(records.length >= 1, 'the subscription reached the topic');
    assertNoSecret(JSON.stringify(records), 'the subscriptions topic');
    for (const record of records) {
      assert.equal(keyIdOf(record.secrets[0]?.value ?? ''), 'k1');
      assert.equal(keyIdOf(record.headers?.Authorization ?? ''), 'k1');
    }
  });

  test('the API still shows a retrievable secret (it can decrypt), and its logs hold neither value', async () => {
    const revealed = await api.call('GET', `/v1/subscriptions/${id}/secret`, undefined, key);
    assert.equal(revealed.status, 200, JSON.stringify(revealed.json));
    assert.equal(revealed.json.secret, KNOWN_SECRET);
    assertNoSecret(api.output(), 'the API log');
  });

  test('admin re-encrypt moves everything to the new key; an API with only the new key still reads it', async () => {
    const admin = (env: Record<string, string>) =>
      run(process.execPath, [join(repoRoot(), 'apps/subscription-api/dist/cli/admin.js'), 're-encrypt'], {
        env: { ...process.env, DATABASE_URL: api.database.url, HOOKSTREAM_ENV: 'production', ...env },
        timeout: 60_000,
      });
    const first = await admin({
      HOOKSTREAM_ENCRYPTION_KEYS: `${k1},${k2}`,
      HOOKSTREAM_ENCRYPTION_ACTIVE_KEY: 'k2',
    });
    assert.match(first.stdout, /re-encrypted 1 of 1 subscriptions under key k2/);
    assertNoSecret(first.stdout + first.stderr, 'the admin output');
    const again = await admin({
      HOOKSTREAM_ENCRYPTION_KEYS: `${k1},${k2}`,
      HOOKSTREAM_ENCRYPTION_ACTIVE_KEY: 'k2',
    });
    assert.match(again.stdout, /re-encrypted 0 of 1/);

    const dump = await databaseDump(api.database.url);
    assertNoSecret(dump, 'Postgres after re-encryption');
    assert.ok(!dump.includes('hse1.k1.'), 'no value is left under k1 in Postgres');

    // The running API's outbox relay publishes the re-encrypted record (same version).
    const deadline = Date.now() + 20_000;
    let latest: SubscriptionRecord | undefined;
    while (Date.now() < deadline) {
      latest = (await subscriptionRecords()).at(-1);
      if (latest && keyIdOf(latest.secrets[0]?.value ?? '') === 'k2') break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.equal(keyIdOf(latest?.secrets[0]?.value ?? ''), 'k2', 'the topic got the record under k2');
    assert.equal(keyIdOf(latest?.headers?.Authorization ?? ''), 'k2');

    const port = await freePort();
    const onlyK2 = await startService({
      name: 'subscription-api-k2',
      entry: 'apps/subscription-api/dist/main.js',
      env: {
        DATABASE_URL: api.database.url,
        KAFKA_BROKERS: testBrokers().join(','),
        HOOKSTREAM_TOPIC_PREFIX: api.prefix,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        HOOKSTREAM_ENV: 'production',
        HOOKSTREAM_ENCRYPTION_KEYS: k2,
      },
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
    });
    extra.push(onlyK2);
    const response = await fetch(`http://127.0.0.1:${port}/v1/subscriptions/${id}/secret`, {
      headers: { authorization: `Bearer ${key}` },
    });
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { secret: string }).secret, KNOWN_SECRET);
  });

  test('production refuses to start without a key, naming the variable', async () => {
    const port = await freePort();
    await assert.rejects(
      startService({
        name: 'subscription-api-no-key',
        entry: 'apps/subscription-api/dist/main.js',
        env: {
          DATABASE_URL: api.database.url,
          KAFKA_BROKERS: testBrokers().join(','),
          HOOKSTREAM_TOPIC_PREFIX: api.prefix,
          PORT: String(port),
          HOOKSTREAM_ENV: 'production',
          HOOKSTREAM_ENCRYPTION_KEYS: '',
        },
        readyUrl: `http://127.0.0.1:${port}/health/ready`,
        readyTimeoutMs: 15_000,
      }),
      /HOOKSTREAM_ENCRYPTION_KEYS: required when HOOKSTREAM_ENV=production/,
    );
  });
});
