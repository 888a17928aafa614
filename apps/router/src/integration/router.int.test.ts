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
  const afterRestart = await readTopic(kafka, topics.deliveries, 6);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const settled = await readTopic(kafka, topics.deliveries, 6);
  assert.equal(afterRestart.length, 6);
  assert.equal(settled.length, 6, 'nothing was routed twice');
});
