import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  allTopicSpecs,
  applyHookstreamAcls,
  createKafkaClient,
  DEFAULT_PRINCIPALS,
  ensureTopics,
  KafkaConnection,
  KafkaEnv,
  kafkaClientSecurity,
  resolveTopics,
} from '@hookstream/kafka';
import { type SecureBroker, startSecureBroker } from '@hookstream/testkit';
import type { Kafka } from 'kafkajs';

/**
 * The secure local broker with the production ACL set: each service principal can do its job,
 * and a principal doing another's job is refused by the broker, visibly in its log.
 */
let broker: SecureBroker;
const prefix = `sec${randomUUID().slice(0, 8)}.`;
const topics = resolveTopics(prefix);

/** A service's env as it would configure itself: SCRAM-SHA-512 with its own user. */
function serviceEnv(user: string, password = broker.password(user)) {
  return KafkaEnv.parse({
    KAFKA_BROKERS: broker.brokers.join(','),
    HOOKSTREAM_TOPIC_PREFIX: prefix,
    KAFKA_SASL_MECHANISM: 'scram-sha-512',
    KAFKA_SASL_USERNAME: user,
    KAFKA_SASL_PASSWORD: password,
  });
}

function clientFor(user: string, password?: string): Kafka {
  const env = serviceEnv(user, password);
  return createKafkaClient({
    brokers: env.KAFKA_BROKERS,
    clientId: `test-${user}`,
    security: kafkaClientSecurity(env),
  });
}

async function produce(kafka: Kafka, topic: string, value: string): Promise<void> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [{ key: 'k', value }] });
  } finally {
    await producer.disconnect();
  }
}

/** Consumes one record of `topic` in `groupId` and commits it; bounded by a 30 s deadline. */
async function consumeOne(kafka: Kafka, topic: string, groupId: string): Promise<string> {
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no record on ${topic} within 30 s`)), 30_000);
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        // A retriable crash (a fresh broker's group coordinator still loading: GROUP_LOAD_IN_PROGRESS)
        // is restarted by kafkajs; only a crash it will not restart fails the test.
        if (payload.restart) return;
        clearTimeout(timer);
        reject(payload.error);
      });
      consumer
        .run({
          eachMessage: async ({ message }) => {
            clearTimeout(timer);
            resolve(message.value?.toString('utf8') ?? '');
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
}

before(async () => {
  broker = await startSecureBroker();
  const admin = clientFor('admin').admin();
  await admin.connect();
  try {
    await ensureTopics(admin, allTopicSpecs(prefix), 30_000, () => {});
    await applyHookstreamAcls(admin, { topicPrefix: prefix });
  } finally {
    await admin.disconnect();
  }
  await aclsInEffect();
});

/**
 * New ACLs reach the authorizer through the metadata log a moment after createAcls returns;
 * wait (at most 20 s) until the API's principal sees the topics its DESCRIBE rule covers.
 */
async function aclsInEffect(): Promise<void> {
  const admin = clientFor(DEFAULT_PRINCIPALS.api).admin();
  await admin.connect();
  try {
    const deadline = Date.now() + 20_000;
    while (!(await admin.listTopics()).includes(topics.subscriptions)) {
      if (Date.now() > deadline) throw new Error('the ACLs did not take effect within 20 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The StandardAuthorizer's audit line for a denied request (logged at INFO by log4j-secure). */
function denialIn(log: string, user: string, operations: string, resource: string): boolean {
  return new RegExp(
    `Principal = User:${escapeRegExp(user)} is Denied operation = (${operations}) from host = 127\\.0\\.0\\.1 on resource = ${escapeRegExp(resource)}`,
  ).test(log);
}

after(async () => {
  await broker?.stop();
});

describe('secure broker with the Hookstream ACL set', () => {
  it('lets every service start: its principal sees the provisioned topics', async () => {
    for (const user of Object.values(DEFAULT_PRINCIPALS)) {
      if (user === DEFAULT_PRINCIPALS.producer) continue; // producers do not provision
      const connection = new KafkaConnection(serviceEnv(user), `test-${user}`);
      assert.deepEqual(await connection.provisionTopics(), [], `${user} found every topic and created none`);
    }
  });

  it('lets the API write subscriptions', async () => {
    await produce(clientFor(DEFAULT_PRINCIPALS.api), topics.subscriptions, '{"id":"sub_1"}');
  });

  it('lets the router read events and write deliveries in a transaction', async () => {
    await produce(clientFor(DEFAULT_PRINCIPALS.producer), topics.events, 'event-1');
    const router = clientFor(DEFAULT_PRINCIPALS.router);
    assert.equal(await consumeOne(router, topics.events, `${prefix}router`), 'event-1');
    const producer = router.producer({
      transactionalId: `${prefix}router-test-${process.pid}`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      const transaction = await producer.transaction();
      await transaction.send({ topic: topics.deliveries, messages: [{ key: 'k', value: 'task-1' }] });
      await transaction.send({ topic: topics.quarantine, messages: [{ key: 'k', value: 'bad-event' }] });
      await transaction.commit();
    } finally {
      await producer.disconnect();
    }
  });

  it('lets the worker read deliveries and write retries, dead letters and attempts', async () => {
    const worker = clientFor(DEFAULT_PRINCIPALS.worker);
    assert.equal(await consumeOne(worker, topics.deliveries, `${prefix}delivery-worker`), 'task-1');
    const [firstRetry] = topics.retry;
    assert.ok(firstRetry);
    for (const topic of [firstRetry.name, topics.deadLetter, topics.attempts]) {
      await produce(worker, topic, 'from-worker');
    }
    // The worker writes its outcomes in transactions under its own transactional id.
    const producer = worker.producer({
      transactionalId: `${prefix}delivery-worker-test-${process.pid}`,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    try {
      const transaction = await producer.transaction();
      await transaction.send({ topic: topics.attempts, messages: [{ key: 'k', value: 'attempt-in-txn' }] });
      await transaction.commit();
    } finally {
      await producer.disconnect();
    }
  });

  const refusals: ReadonlyArray<readonly [string, string]> = [
    [DEFAULT_PRINCIPALS.router, topics.subscriptions],
    [DEFAULT_PRINCIPALS.worker, topics.subscriptions],
    [DEFAULT_PRINCIPALS.producer, topics.subscriptions],
    [DEFAULT_PRINCIPALS.worker, topics.deliveries],
    [DEFAULT_PRINCIPALS.api, topics.attempts],
    [DEFAULT_PRINCIPALS.router, topics.attempts],
    [DEFAULT_PRINCIPALS.api, topics.deadLetter],
  ];
  for (const [user, topic] of refusals) {
    it(`refuses ${user} writing ${topic}, and the broker logs the denial`, async () => {
      await assert.rejects(produce(clientFor(user), topic, 'forged'), /Not authorized to access topics/);
      // A principal that may describe the topic is refused the WRITE; one that may not even
      // describe it is refused the metadata request first.
      assert.ok(
        denialIn(broker.serverLog(), user, 'WRITE|DESCRIBE', `Topic:LITERAL:${topic}`),
        'server.log names the denial',
      );
    });
  }

  it("refuses the worker joining the router's consumer group", async () => {
    // kafkajs reports this as "Failed to find group coordinator" (it tries every broker and
    // keeps the authorization error at debug level); the broker's log says what happened.
    await assert.rejects(consumeOne(clientFor(DEFAULT_PRINCIPALS.worker), topics.events, `${prefix}router`));
    assert.ok(
      denialIn(
        broker.serverLog(),
        DEFAULT_PRINCIPALS.worker,
        'DESCRIBE|READ',
        `Group:LITERAL:${prefix}router`,
      ),
      'server.log names the denied group',
    );
  });

  it('refuses a wrong password with an authentication error', async () => {
    const admin = clientFor(DEFAULT_PRINCIPALS.api, 'not-the-password').admin();
    await assert.rejects(admin.connect(), /SASL SCRAM SHA512 authentication failed/);
  });
});
