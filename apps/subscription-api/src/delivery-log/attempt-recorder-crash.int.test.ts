import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { newPrefixedId } from '@hookstream/events';
import { createKafkaClient, resolveTopics } from '@hookstream/kafka';
import {
  createTestDatabase,
  deleteTestTopics,
  freePort,
  type ServiceProcess,
  startService,
  type TestDatabase,
  testBrokers,
  uniqueTopicPrefix,
  waitFor,
} from '@hookstream/testkit';
import pg from 'pg';

// The attempt log survives a SIGKILL of its consumer: killed while it is storing a stream of
// attempts, restarted on the same database and group, it ends with every attempt exactly once.

const TOTAL = 20_000;
let database: TestDatabase;
let prefix: string;
let pool: pg.Pool;
const running: ServiceProcess[] = [];

async function startRecorder(): Promise<ServiceProcess> {
  const port = await freePort();
  const service = await startService({
    name: 'subscription-api',
    entry: 'apps/subscription-api/dist/main.js',
    env: {
      DATABASE_URL: database.url,
      KAFKA_BROKERS: testBrokers().join(','),
      HOOKSTREAM_TOPIC_PREFIX: prefix,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      // The broker's floor: the killed member's partitions go to the new one after this, in ms.
      KAFKA_SESSION_TIMEOUT_MS: '6000',
    },
    readyUrl: `http://127.0.0.1:${port}/health/ready`,
  });
  running.push(service);
  return service;
}

async function storedCount(): Promise<number> {
  const result = await pool.query<{ count: string }>('SELECT count(*) AS count FROM delivery_attempts');
  return Number(result.rows[0]?.count ?? 0);
}

before(async () => {
  database = await createTestDatabase('recorder_crash');
  prefix = uniqueTopicPrefix('recorder-crash');
  pool = new pg.Pool({ connectionString: database.url, max: 2, idleTimeoutMillis: 100 });
  // Dropping the database ends idle connections from the server side; that is expected here.
  pool.on('error', () => {});
});

after(async () => {
  for (const service of running) await service.stop(10_000);
  await pool?.end();
  await database?.drop();
  await deleteTestTopics(prefix);
});

test('a SIGKILL of the attempt recorder mid-stream loses and duplicates no attempt', async () => {
  const first = await startRecorder();
  const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'recorder-crash-test' });
  const producer = kafka.producer();
  await producer.connect();
  const ids = new Set<string>();
  const topic = resolveTopics(prefix).attempts;
  // In chunks, so the recorder is busy storing batches while later ones are still arriving.
  for (let chunk = 0; chunk < 20; chunk++) {
    const messages = Array.from({ length: TOTAL / 20 }, () => {
      const id = newPrefixedId('atm_');
      ids.add(id);
      const messageId = newPrefixedId('msg_');
      return {
        key: messageId,
        value: JSON.stringify({
          id,
          messageId,
          eventId: newPrefixedId('evt_'),
          eventType: 'card.created',
          tenantId: 'ten_crash',
          subscriptionId: 'sub_crash',
          attempt: 1,
          url: 'http://127.0.0.1:9/hooks',
          startedAt: new Date().toISOString(),
          durationMs: 3,
          outcome: 'delivered',
          statusCode: 200,
          error: null,
          responseBody: null,
          nextAttemptAt: null,
        }),
      };
    });
    await producer.send({ topic, acks: -1, messages });
  }
  await producer.disconnect();

  // Kill once some, but not all, are stored.
  const before = await waitFor(
    async () => {
      const count = await storedCount();
      return count > 0 ? count : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 20, description: 'the first stored attempts' },
  );
  first.child.kill('SIGKILL');
  await new Promise((resolve) => first.child.once('exit', resolve));
  const atKill = await storedCount();
  process.stderr.write(`[recorder-crash] killed with ${before}–${atKill} of ${TOTAL} stored\n`);
  assert.ok(atKill < TOTAL, `the kill came mid-stream (${atKill} of ${TOTAL} stored)`);

  const restartedAt = Date.now();
  const second = await startRecorder();
  try {
    await waitFor(async () => (await storedCount()) >= TOTAL, {
      timeoutMs: 90_000,
      intervalMs: 200,
      description: `all ${TOTAL} attempts stored after the restart`,
    });
  } catch (error) {
    process.stderr.write(
      `[recorder-crash] ${await storedCount()} stored; restarted recorder said:\n${second.output()}\n`,
    );
    throw error;
  }
  // A figure for the README, not an assertion: it includes the group's wait for the dead member.
  process.stderr.write(`[recorder-crash] restart to all ${TOTAL} stored: ${Date.now() - restartedAt} ms\n`);
  const rows = await pool.query<{ id: string }>('SELECT id FROM delivery_attempts');
  assert.equal(rows.rows.length, TOTAL, 'no attempt stored twice');
  assert.deepEqual(new Set(rows.rows.map((row) => row.id)), ids, 'exactly the attempts sent');
});
