import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { exampleData, exampleEvent } from '@hookstream/events';
import {
  createKafkaClient,
  DeliveryTask,
  KafkaConnection,
  KafkaEnv,
  RouterStateRecord,
  resolveTopics,
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
} from '@hookstream/testkit';

// Partitions move between routers in a rebalance; the condition state of each partition must
// move with it: the router that takes a partition restores its changelog partition first.

const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'change-pct-rebalance-test' });
const prefix = uniqueTopicPrefix('pct-rebalance');
const topics = resolveTopics(prefix);
const producer = kafka.producer();
const routers: ServiceProcess[] = [];

after(async () => {
  if (process.env.ROUTER_TEST_VERBOSE)
    for (const router of routers) process.stderr.write(router.output().slice(-20_000));
  for (const router of routers) await router.stop().catch(() => {});
  await producer.disconnect().catch(() => {});
  await deleteTestTopics(prefix);
});

async function startRouter(instance: string): Promise<ServiceProcess> {
  const port = await freePort();
  const router = await startService({
    name: `router-${instance}`,
    entry: 'apps/router/dist/main.js',
    env: {
      KAFKA_BROKERS: testBrokers().join(','),
      HOOKSTREAM_TOPIC_PREFIX: prefix,
      PORT: String(port),
      LOG_LEVEL: process.env.ROUTER_TEST_VERBOSE ? 'info' : 'warn',
      ROUTER_INSTANCE_ID: instance,
    },
    readyUrl: `http://127.0.0.1:${port}/health/ready`,
  });
  routers.push(router);
  return router;
}

/** Six entities (Kafka keys), spread over the three events partitions by the default partitioner. */
const entities = Array.from({ length: 6 }, (_, index) => `rate_${index}`);

async function publishRound(round: number, rate: string): Promise<void> {
  await producer.send({
    topic: topics.events,
    messages: entities.map((entity) => ({
      key: entity,
      value: JSON.stringify({
        ...exampleEvent('rate.changed', {
          id: `evt_${entity}_${round}` as `evt_${string}`,
          tenantId: 'ten_pct',
        }),
        data: { ...exampleData('rate.changed'), rate },
      }),
    })),
  });
}

/** Waits until every entity's state from `round` is committed in the changelog. */
async function committedRound(round: number) {
  const records = await readTopic(kafka, topics.routerState, entities.length, {
    timeoutMs: 30_000,
    where: (record) => record.value?.includes(`_${round}"`) === true,
  });
  for (const record of records) RouterStateRecord.parse(JSON.parse(record.value ?? '{}'));
  return records;
}

test('change_pct across rebalances: a router that gets partitions back restores what others committed meanwhile', async () => {
  await KafkaConnection.open(
    KafkaEnv.parse({ KAFKA_BROKERS: testBrokers().join(','), HOOKSTREAM_TOPIC_PREFIX: prefix }),
    'pct-rebalance-test',
  );
  await producer.connect();
  const subscription = subscriptionRecord({
    id: 'sub_drop',
    tenantId: 'ten_pct',
    eventTypes: ['rate.changed'],
    conditions: [{ field: 'rate', operator: 'change_pct', value: -2 }],
  });
  await producer.send({
    topic: topics.subscriptions,
    messages: [{ key: subscription.id, value: JSON.stringify(subscription) }],
  });

  const first = await startRouter('0');
  await publishRound(1, '10.00'); // first values: nothing passes
  await publishRound(2, '9.90'); // -1 %: nothing passes
  await committedRound(2);

  // A second router joins and takes some partitions; it routes round 3 for them.
  const second = await startRouter('1');
  await publishRound(3, '9.80'); // -1.01 %: nothing passes
  const committed = await committedRound(3);
  assert.ok(new Set(committed.map((record) => record.partition)).size > 1, 'entities span partitions');

  // The second router leaves: the first gets its partitions back and must not trust what it
  // remembered of them (9.90), but restore what was committed since (9.80).
  assert.equal(await second.stop(), 0);
  await publishRound(4, '9.70'); // -1.02 % from 9.80 (but -2.02 % from a stale 9.90): nothing passes
  await publishRound(5, '9.506'); // exactly -2 % from 9.70: every entity passes once

  const deliveries = await readTopic(kafka, topics.deliveries, entities.length, {
    timeoutMs: 60_000,
    settleMs: 3_000,
  });
  const tasks = deliveries.map((record) => DeliveryTask.parse(JSON.parse(record.value ?? '{}')));
  assert.deepEqual(
    tasks.map((task) => task.eventId).sort(),
    entities.map((entity) => `evt_${entity}_5`).sort(),
    'only round 5, each entity once',
  );
  for (const task of tasks) {
    const body = JSON.parse(task.payload) as { conditionResults: Array<{ previousValue: string | null }> };
    assert.equal(body.conditionResults[0]?.previousValue, '9.7', task.eventId);
  }
  assert.equal(await first.stop(), 0);
});
