import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createKafkaClient, resolveTopics } from '@hookstream/kafka';
import {
  createTestDatabase,
  deleteTestTopics,
  freePort,
  readTopic,
  type ServiceProcess,
  startService,
  subscriptionRecord,
  type TestDatabase,
  testBrokers,
  uniqueTopicPrefix,
  waitFor,
} from '@hookstream/testkit';
import pg from 'pg';

/**
 * The outbox relay against real Postgres and the real broker, with a backlog as it builds up
 * while Kafka is away: hundreds of large subscription changes waiting at once.
 */
let api: ServiceProcess;
let database: TestDatabase;
let pool: pg.Pool;
let prefix: string;
let baseUrl: string;

before(async () => {
  database = await createTestDatabase('outbox');
  prefix = uniqueTopicPrefix('outbox');
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  api = await startService({
    name: 'subscription-api',
    entry: 'apps/subscription-api/dist/main.js',
    env: {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      HOOKSTREAM_TOPIC_PREFIX: prefix,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_INTERVAL_MS: '200',
    },
    readyUrl: `${baseUrl}/health/ready`,
  });
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
});

after(async () => {
  await pool?.end();
  assert.equal(await api?.stop(), 0, 'clean shutdown');
  await database?.drop();
  await deleteTestTopics(prefix);
});

const metric = async (name: string): Promise<number> => {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return Number(new RegExp(`^${name}\\{[^}]*\\} (\\S+)$`, 'm').exec(text)?.[1]);
};

test('500 large subscription changes all reach the topic; one the broker can never take is parked', async () => {
  // 1,000 account ids each (the API's maximum): about 30 KB a record, 15 MB in all, far
  // over what one produce request to the single-partition topic may carry.
  const accountIds = Array.from({ length: 1_000 }, (_, index) => `acc_${String(index).padStart(26, '0')}`);
  const records = Array.from({ length: 500 }, (_, index) =>
    subscriptionRecord({
      id: `sub_bulk${String(index).padStart(4, '0')}`,
      tenantId: 'ten_outbox',
      accountIds,
    }),
  );
  // Over the topic's 1 MiB limit: it can never be published, whatever the relay does.
  const oversized = { ...records[0], id: 'sub_oversized', description: 'x'.repeat(1_200_000) };
  const rows = [...records.slice(0, 250), oversized, ...records.slice(250)];
  // One transaction, as if Kafka had been away while they were written.
  await pool.query(
    `INSERT INTO outbox (topic, message_key, payload)
     SELECT 'subscriptions', r->>'id', r FROM jsonb_array_elements($1::jsonb) AS r`,
    [JSON.stringify(rows)],
  );

  const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'outbox-test' });
  const published = await readTopic(kafka, resolveTopics(prefix).subscriptions, 500, {
    timeoutMs: 120_000,
    where: (record) => record.key?.startsWith('sub_bulk') ?? false,
  });
  assert.equal(new Set(published.map((record) => record.key)).size, 500, 'every change, once each at least');
  const first = JSON.parse(published.find((record) => record.key === 'sub_bulk0000')?.value ?? '{}');
  assert.equal(first.accountIds.length, 1_000, 'published whole');

  const parked = await pool.query<{ message_key: string; park_reason: string }>(
    'SELECT message_key, park_reason FROM outbox WHERE parked_at IS NOT NULL',
  );
  assert.deepEqual(
    parked.rows.map((row) => row.message_key),
    ['sub_oversized'],
  );
  assert.match(parked.rows[0]?.park_reason ?? '', /exceeds subscriptions limit/);
  await waitFor(async () => (await metric('hookstream_api_outbox_oldest_unpublished_age_seconds')) === 0, {
    description: 'no row waiting any more',
  });
  assert.equal(await metric('hookstream_api_outbox_parked_rows'), 1);
  assert.equal(await metric('hookstream_api_outbox_parked_total'), 1);
});

test('the age of the oldest waiting row is exported while it waits, and drops to 0 once published', async () => {
  // Hold the relay's lock, as another API instance's relay would: nothing is published.
  const holder = await pool.connect();
  try {
    await holder.query('BEGIN');
    await holder.query("SELECT pg_advisory_xact_lock(hashtext('hookstream.outbox-relay'))");
    await pool.query(
      `INSERT INTO outbox (topic, message_key, payload, created_at)
       VALUES ('subscriptions', 'sub_old', $1::jsonb, now() - interval '60 seconds')`,
      [JSON.stringify(subscriptionRecord({ id: 'sub_old', tenantId: 'ten_outbox' }))],
    );
    const age = await metric('hookstream_api_outbox_oldest_unpublished_age_seconds');
    assert.ok(age >= 60, `the waiting row is ${age} s old`);
  } finally {
    await holder.query('COMMIT');
    holder.release();
  }
  await waitFor(async () => (await metric('hookstream_api_outbox_oldest_unpublished_age_seconds')) === 0, {
    description: 'the row published once the lock is free',
  });
});
