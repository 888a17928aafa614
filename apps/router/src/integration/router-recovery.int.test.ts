import assert from 'node:assert/strict';
import { after, afterEach, test } from 'node:test';
import { exampleEvent } from '@hookstream/events';
import {
  createKafkaClient,
  DeliveryTask,
  KafkaConnection,
  KafkaEnv,
  resolveTopics,
  type TopicNames,
} from '@hookstream/kafka';
import {
  deleteTestTopics,
  freePort,
  readTopic,
  type ServiceProcess,
  startService,
  subscriptionRecord,
  testBrokers,
  uniqueTopicPrefix,
  waitFor,
} from '@hookstream/testkit';
import type { Kafka, Producer } from 'kafkajs';

/** Failure and crash recovery of the router, each test with its own topics and group. */
const kafka: Kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'router-recovery-test' });
const cleanups: Array<() => Promise<unknown>> = [];
const routers: ServiceProcess[] = [];
afterEach((t) => {
  if (process.env.ROUTER_TEST_VERBOSE)
    for (const router of routers) t.diagnostic(router.output().slice(-6_000));
});
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

interface Harness {
  prefix: string;
  topics: TopicNames;
  producer: Producer;
  start: (env?: Record<string, string>) => Promise<{ router: ServiceProcess; port: number }>;
  publish: (ids: string[]) => Promise<void>;
}

/** Topics, one subscription for every event of tenant ten_rec, and a way to start routers. */
async function harness(name: string): Promise<Harness> {
  const prefix = uniqueTopicPrefix(name);
  const topics = resolveTopics(prefix);
  cleanups.push(() => deleteTestTopics(prefix));
  await KafkaConnection.open(
    KafkaEnv.parse({ KAFKA_BROKERS: testBrokers().join(','), HOOKSTREAM_TOPIC_PREFIX: prefix }),
    'router-test',
  );
  const producer = kafka.producer();
  await producer.connect();
  cleanups.push(() => producer.disconnect());
  const start = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    const router = await startService({
      name: 'router',
      entry: 'apps/router/dist/main.js',
      env: {
        KAFKA_BROKERS: testBrokers().join(','),
        HOOKSTREAM_TOPIC_PREFIX: prefix,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...env,
      },
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
    });
    cleanups.push(() => router.stop());
    routers.push(router);
    return { router, port };
  };
  const publish = async (ids: string[]) => {
    await producer.send({
      topic: topics.events,
      messages: ids.map((id, index) => ({
        key: `acc_${index % 16}`,
        value: JSON.stringify(
          exampleEvent('card.created', { id: id as `evt_${string}`, tenantId: 'ten_rec' }),
        ),
      })),
    });
  };
  const h: Harness = { prefix, topics, producer, start, publish };
  return h;
}

async function subscribeAll(h: Harness): Promise<void> {
  const subscription = subscriptionRecord({ id: 'sub_rec', tenantId: 'ten_rec' });
  await h.producer.send({
    topic: h.topics.subscriptions,
    messages: [{ key: subscription.id, value: JSON.stringify(subscription) }],
  });
}

/** Takes the router's transactional id over, as a second instance with the same id would. */
async function fence(transactionalId: string): Promise<void> {
  const usurper = kafka.producer({ transactionalId, idempotent: true, maxInFlightRequests: 1 });
  await usurper.connect();
  // kafkajs sends InitProducerId with the transactional id when a transaction begins: the
  // broker bumps the epoch, and the router's producer is fenced.
  const transaction = await usurper.transaction();
  await transaction.abort();
  await usurper.disconnect();
}

const eventIdsOf = (records: Array<{ value: string | null }>) =>
  records.map((record) => DeliveryTask.parse(JSON.parse(record.value ?? '{}')).eventId);

const live = async (port: number) => (await fetch(`http://127.0.0.1:${port}/health/live`)).status;

test('once fenced, the router’s transactions fail; it rebuilds its producer and routing goes on, exactly once', async () => {
  const h = await harness('router-fence');
  await subscribeAll(h);
  const transactionalId = `${h.prefix}router-fenced`;
  const { router, port } = await h.start({ ROUTER_TRANSACTIONAL_ID: transactionalId });
  await h.publish(['evt_before1']);
  await readTopic(kafka, h.topics.deliveries, 1);

  await fence(transactionalId);
  await h.publish(['evt_after1', 'evt_after2']);
  const deliveries = await readTopic(kafka, h.topics.deliveries, 3, { timeoutMs: 60_000, settleMs: 1_500 });
  assert.deepEqual(eventIdsOf(deliveries).sort(), ['evt_after1', 'evt_after2', 'evt_before1']);

  // The failure was real: the router had to rebuild its producer.
  const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const recoveries = Number(/hookstream_router_producer_recoveries_total\{[^}]*\} (\d+)/.exec(metrics)?.[1]);
  assert.ok(recoveries >= 1, `producer recoveries: ${recoveries}`);
  assert.equal(await live(port), 200);
  assert.equal(await router.stop(), 0);
});

test('when the producer cannot be rebuilt, /health/live fails and the router exits non-zero', async () => {
  const h = await harness('router-fatal');
  await subscribeAll(h);
  const transactionalId = `${h.prefix}router-fatal`;
  // No rebuild allowed: the first broken producer is the end of this router.
  const { router, port } = await h.start({
    ROUTER_TRANSACTIONAL_ID: transactionalId,
    ROUTER_PRODUCER_RECOVERY_LIMIT: '0',
  });
  assert.equal(await live(port), 200);
  const exited = new Promise<number | null>((resolve) => router.child.once('exit', resolve));
  let sawNotLive = false;
  const probeUntil = Date.now() + 90_000;
  const probing = (async () => {
    while (router.child.exitCode === null && router.child.signalCode === null && Date.now() < probeUntil) {
      const status = await live(port).catch(() => 0);
      if (status === 503) sawNotLive = true;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();

  await fence(transactionalId);
  await h.publish(['evt_doomed']);
  const code = await Promise.race([
    exited,
    new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 60_000)),
  ]);
  await probing;
  assert.equal(code, 1, `exit code; output:\n${router.output().slice(-3_000)}`);
  assert.ok(sawNotLive, '/health/live answered 503 before the process exited');
  assert.match(router.output(), /will not be restarted; liveness fails/);
});

test('a router killed with SIGKILL mid-stream and restarted delivers every event exactly once', async (t) => {
  const h = await harness('router-kill');
  await subscribeAll(h);
  // The default transactional id (prefix, hostname, instance 0): the same after the restart.
  let { router } = await h.start();
  const total = 1_500;
  const ids = Array.from({ length: total }, (_, index) => `evt_kill${String(index).padStart(5, '0')}`);
  // 500 events/s: 50 every 100 ms, a bounded loop of 30 rounds.
  const publishing = (async () => {
    for (let round = 0; round < 30; round += 1) {
      await h.publish(ids.slice(round * 50, round * 50 + 50));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  await readTopic(kafka, h.topics.deliveries, 200, { timeoutMs: 30_000 });
  const killedAt = Date.now();
  router.child.kill('SIGKILL');
  await new Promise((resolve) => router.child.once('exit', resolve));
  ({ router } = await h.start());
  await publishing;

  const deliveries = await readTopic(kafka, h.topics.deliveries, total, {
    timeoutMs: 90_000,
    settleMs: 2_000,
  });
  t.diagnostic(`all ${total} delivered ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill`);
  const eventIds = eventIdsOf(deliveries);
  assert.equal(new Set(eventIds).size, total, 'every event delivered');
  assert.equal(eventIds.length, total, 'none twice (read_committed)');
  assert.equal(await router.stop(), 0);
});
