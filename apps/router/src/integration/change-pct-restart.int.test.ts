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

// change_pct state lives in the router-state changelog, committed with the fan-out: a router
// killed with SIGKILL in the middle of a sequence resumes from the committed previous values,
// neither forgetting them (the next change would look like a first event) nor counting a
// change twice.

const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'change-pct-restart-test' });
const prefix = uniqueTopicPrefix('change-pct');
const topics = resolveTopics(prefix);
const producer = kafka.producer();
const routers: ServiceProcess[] = [];

after(async () => {
  for (const router of routers) await router.stop().catch(() => {});
  await producer.disconnect().catch(() => {});
  await deleteTestTopics(prefix);
});

async function startRouter(): Promise<ServiceProcess> {
  const port = await freePort();
  const router = await startService({
    name: 'router',
    entry: 'apps/router/dist/main.js',
    env: {
      KAFKA_BROKERS: testBrokers().join(','),
      HOOKSTREAM_TOPIC_PREFIX: prefix,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    },
    readyUrl: `http://127.0.0.1:${port}/health/ready`,
  });
  routers.push(router);
  return router;
}

/** A rate.changed event about one entity (its Kafka key) with this nominal rate. */
async function publishRate(id: string, entity: string, rate: string): Promise<void> {
  const event = {
    ...exampleEvent('rate.changed', { id: id as `evt_${string}`, tenantId: 'ten_pct' }),
    data: { ...exampleData('rate.changed'), rate },
  };
  await producer.send({ topic: topics.events, messages: [{ key: entity, value: JSON.stringify(event) }] });
}

test('change_pct across a SIGKILL: computed against the value before the restart, exactly once', async () => {
  await KafkaConnection.open(
    KafkaEnv.parse({ KAFKA_BROKERS: testBrokers().join(','), HOOKSTREAM_TOPIC_PREFIX: prefix }),
    'change-pct-test',
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

  let router = await startRouter();
  // Entity A: its first two values are routed and committed before the kill.
  await publishRate('evt_a1', 'rate_a', '6.50'); // first value: no previous, does not pass
  await publishRate('evt_a2', 'rate_a', '6.40'); // -1.54 %: does not pass
  await readTopic(kafka, topics.routerState, 1, {
    timeoutMs: 30_000,
    where: (record) =>
      RouterStateRecord.parse(JSON.parse(record.value ?? '{}')).kind === 'previous' &&
      record.value?.includes('evt_a2') === true,
  });
  // Entity B: published, and the router killed at once, perhaps in the middle of its transaction.
  await publishRate('evt_b1', 'rate_b', '10.00');
  await publishRate('evt_b2', 'rate_b', '9.90'); // -1 %
  router.child.kill('SIGKILL');
  await new Promise((resolve) => router.child.once('exit', resolve));

  router = await startRouter();
  await publishRate('evt_a3', 'rate_a', '6.272'); // exactly -2 % from 6.40: passes
  await publishRate('evt_b3', 'rate_b', '9.702'); // exactly -2 % from 9.90: passes
  await publishRate('evt_a4', 'rate_a', '6.20'); // -1.15 % from 6.272: does not pass
  await publishRate('evt_a5', 'rate_a', '6.00'); // -3.23 % from 6.20: passes

  const deliveries = await readTopic(kafka, topics.deliveries, 3, { timeoutMs: 60_000, settleMs: 3_000 });
  const tasks = deliveries.map((record) => DeliveryTask.parse(JSON.parse(record.value ?? '{}')));
  assert.deepEqual(tasks.map((task) => task.eventId).sort(), ['evt_a3', 'evt_a5', 'evt_b3']);
  const results = Object.fromEntries(
    tasks.map((task) => {
      const body = JSON.parse(task.payload) as { conditionResults: Array<Record<string, unknown>> };
      const [result] = body.conditionResults;
      return [task.eventId, [result?.previousValue, result?.currentValue, result?.changePct]];
    }),
  );
  assert.deepEqual(results, {
    evt_a3: ['6.4', '6.272', '-2'],
    evt_b3: ['9.9', '9.702', '-2'],
    evt_a5: ['6.2', '6', '-3.225806'],
  });
  assert.equal(await router.stop(), 0);
});
