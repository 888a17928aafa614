import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createKafkaClient } from './client.js';

// Talks to the real broker (KAFKA_BROKERS, default 127.0.0.1:9092) on a topic of its own.
// Why the router's and the worker's default transactional ids are stable across restarts: a new
// producer with the same id aborts the open transaction of the one before it (a killed
// process's), so read_committed readers go on at once instead of after the transaction timeout.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const prefix = `test.txn-restart.${randomBytes(4).toString('hex')}.`;
const topic = `${prefix}out`;
const kafka = createKafkaClient({ brokers, clientId: 'txn-restart-test' });
const admin = kafka.admin();
/** Far longer than the test waits: only the successor's start can end the open transaction. */
const TRANSACTION_TIMEOUT_MS = 60_000;
/** How long the reader may take to see the successor's record, in ms. */
const READ_WITHIN_MS = 10_000;

const transactionalProducer = () =>
  kafka.producer({
    transactionalId: `${prefix}worker-host-0`,
    transactionTimeout: TRANSACTION_TIMEOUT_MS,
    idempotent: true,
    maxInFlightRequests: 1,
  });

before(async () => {
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
});

after(async () => {
  await admin.deleteTopics({ topics: [topic], timeout: 10_000 }).catch(() => {});
  await admin.disconnect();
});

test('a producer restarted under the same transactional id aborts its predecessor’s open transaction at once', async () => {
  // The predecessor: a transaction with a record in it, never committed (its process was killed).
  const killed = transactionalProducer();
  await killed.connect();
  const open = await killed.transaction();
  await open.send({ topic, messages: [{ value: 'uncommitted' }] });

  const successor = transactionalProducer();
  await successor.connect();
  const next = await successor.transaction();
  await next.send({ topic, messages: [{ value: 'after-restart' }] });
  await next.commit();

  const reader = kafka.consumer({ groupId: `${prefix}reader`, maxWaitTimeInMs: 100 });
  const seen: string[] = [];
  try {
    await reader.connect();
    await reader.subscribe({ topics: [topic], fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        seen.push(String(message.value));
      },
    });
    const deadline = Date.now() + READ_WITHIN_MS;
    while (!seen.includes('after-restart') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(seen, ['after-restart'], 'read_committed: the aborted record is never seen');
  } finally {
    await reader.disconnect();
    await successor.disconnect();
    await killed.disconnect().catch(() => {});
    await admin.deleteGroups([`${prefix}reader`]).catch(() => {});
  }
});
