import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exampleEvent } from '@hookstream/events';
import {
  createKafkaClient,
  HEADERS,
  resolveTopics,
  type SubscriptionRecord,
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
} from '@hookstream/testkit';
import type { Kafka, Producer } from 'kafkajs';

let kafka: Kafka;
let producer: Producer;
let topics: TopicNames;
let prefix: string;
let router: ServiceProcess;

const startRouter = async () => {
  const port = await freePort();
  return startService({
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
};

const subscription = (id: string, overrides: Partial<SubscriptionRecord>): SubscriptionRecord =>
  subscriptionRecord({ id, tenantId: 'ten_router', ...overrides });

const event = (type: 'card.created' | 'kyc.session.created', accountId: string) =>
  JSON.stringify(exampleEvent(type, { tenantId: 'ten_router', accountId: accountId as `acc_${string}` }));

before(async () => {
  prefix = uniqueTopicPrefix('router');
  topics = resolveTopics(prefix);
  kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'router-test' });
  producer = kafka.producer();
  router = await startRouter();
  await producer.connect();
});

after(async () => {
  await router?.stop();
  await producer?.disconnect();
  await deleteTestTopics(prefix);
});

test('fans out by type and account scope, quarantines bad records, and never re-fans out after a restart', async () => {
  await producer.send({
    topic: topics.subscriptions,
    messages: [
      { key: 'sub_all', value: JSON.stringify(subscription('sub_all', {})) },
      { key: 'sub_cards', value: JSON.stringify(subscription('sub_cards', { eventTypes: ['card.*'] })) },
      { key: 'sub_acc2', value: JSON.stringify(subscription('sub_acc2', { accountIds: ['acc_2'] })) },
      { key: 'sub_off', value: JSON.stringify(subscription('sub_off', { enabled: false })) },
      { key: 'sub_gone', value: JSON.stringify(subscription('sub_gone', {})) },
      { key: 'sub_gone', value: null },
    ],
  });
  await producer.send({
    topic: topics.events,
    messages: [
      { key: 'acc_1', value: event('card.created', 'acc_1') }, // sub_all, sub_cards
      { key: 'acc_1', value: 'not json at all' },
      { key: 'acc_1', value: event('kyc.session.created', 'acc_2') }, // sub_all, sub_acc2
      { key: 'acc_1', value: null },
    ],
  });

  const deliveries = await readTopic(kafka, topics.deliveries, 4);
  const fanOut = deliveries.map(
    (record) => JSON.parse(record.value ?? '{}') as { subscriptionId: string; eventType: string },
  );
  assert.deepEqual(fanOut.map((task) => `${task.eventType}→${task.subscriptionId}`).sort(), [
    'card.created→sub_all',
    'card.created→sub_cards',
    'kyc.session.created→sub_acc2',
    'kyc.session.created→sub_all',
  ]);

  const quarantined = await readTopic(kafka, topics.quarantine, 2);
  assert.deepEqual(quarantined.map((record) => record.headers[HEADERS.quarantineCode]).sort(), [
    'empty',
    'invalid_json',
  ]);
  const invalidJson = quarantined.find((record) => record.headers[HEADERS.quarantineCode] === 'invalid_json');
  assert.equal(invalidJson?.value, 'not json at all');
  assert.equal(invalidJson?.key, 'acc_1', 'the key is kept');

  // Offsets were committed in the same transaction as the fan-out: a new router instance in
  // the same group starts after them and routes only the new event.
  assert.equal(await router.stop(), 0);
  router = await startRouter();
  await producer.send({
    topic: topics.events,
    messages: [{ key: 'acc_3', value: event('card.created', 'acc_3') }],
  });
  // Read on for 1.5 s after the sixth task: a second fan-out of the first events would show.
  const afterRestart = await readTopic(kafka, topics.deliveries, 6, { settleMs: 1_500 });
  assert.equal(afterRestart.length, 6, 'nothing was routed twice');
});

test('a batch whose fan-out is larger than one produce request, and a record near 1 MiB, both go through', async () => {
  const ids = Array.from({ length: 10 }, (_, index) => `sub_big${index}`);
  await producer.send({
    topic: topics.subscriptions,
    messages: ids.map((id) => ({
      key: id,
      value: JSON.stringify(subscription(id, { tenantId: 'ten_big' })),
    })),
  });
  // 300 events under one key are fetched as one batch and fan out to 10 subscriptions:
  // 3,000 tasks, several MiB, far over one produce request.
  const events = Array.from({ length: 300 }, () => ({
    key: 'acc_big',
    value: JSON.stringify(exampleEvent('card.created', { tenantId: 'ten_big', accountId: 'acc_big' })),
  }));
  // An invalid record just under the broker's 1 MiB limit, with a small one behind it.
  const huge = `{"not an envelope":"${'h'.repeat(1_040_000)}"}`;
  await producer.send({ topic: topics.events, messages: [{ key: 'acc_huge', value: huge }] });
  await producer.send({ topic: topics.events, messages: [{ key: 'acc_huge', value: 'small and invalid' }] });
  await producer.send({ topic: topics.events, messages: events });

  const bigTasks = await readTopic(kafka, topics.deliveries, 3_000, {
    timeoutMs: 60_000,
    where: (record) => record.key === 'acc_big',
    settleMs: 500,
  });
  assert.equal(bigTasks.length, 3_000);
  const totalBytes = bigTasks.reduce((sum, record) => sum + (record.value?.length ?? 0), 0);
  // All one key, so one partition: over the broker's 1 MiB a single produce could carry.
  assert.ok(totalBytes > 1024 * 1024, `the fan-out was ${totalBytes} bytes`);
  const hugeQuarantined = await readTopic(kafka, topics.quarantine, 2, {
    timeoutMs: 30_000,
    where: (record) => record.key === 'acc_huge',
  });
  assert.equal(hugeQuarantined[0]?.value, huge, 'quarantined unchanged, however large');
  assert.equal(hugeQuarantined[1]?.value, 'small and invalid', 'and what was behind it too');
});
