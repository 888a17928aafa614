import {
  createKafkaClient,
  type DeliveryTask,
  resolveTopics,
  type SubscriptionRecord,
  type TopicNames,
} from '@hookstream/kafka';
import { generateSecret } from '@hookstream/signatures';
import {
  deleteTestTopics,
  freePort,
  type ServiceProcess,
  startService,
  subscriptionRecord,
  testBrokers,
  uniqueTopicPrefix,
} from '@hookstream/testkit';
import type { Kafka, Producer } from 'kafkajs';

/** The worker as a real process on its own topics, and a producer to feed it. */
export interface WorkerHarness {
  kafka: Kafka;
  topics: TopicNames;
  producer: Producer;
  worker: ServiceProcess;
  startWorker: () => Promise<ServiceProcess>;
  /** http://127.0.0.1:<port> of the running worker (health and metrics). */
  baseUrl: () => string;
  putSubscription: (record: SubscriptionRecord) => Promise<void>;
  sendTask: (task: DeliveryTask, key?: string) => Promise<void>;
  /** Several tasks in one write, all with `key` (so all on one partition, in this order). */
  sendTasks: (tasks: DeliveryTask[], key: string) => Promise<void>;
  close: () => Promise<void>;
}

export async function startWorkerHarness(
  name: string,
  env: Record<string, string> = {},
): Promise<WorkerHarness> {
  const prefix = uniqueTopicPrefix(name);
  const kafka = createKafkaClient({ brokers: testBrokers(), clientId: `test-${name}` });
  const topics = resolveTopics(prefix);
  const producer = kafka.producer();
  await producer.connect();
  let port = 0;
  const startWorker = async () => {
    port = await freePort();
    return startService({
      name: 'delivery-worker',
      entry: 'apps/delivery-worker/dist/main.js',
      env: {
        KAFKA_BROKERS: testBrokers().join(','),
        HOOKSTREAM_TOPIC_PREFIX: prefix,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        ...env,
      },
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
    });
  };
  const harness: WorkerHarness = {
    kafka,
    topics,
    producer,
    worker: await startWorker(),
    startWorker,
    baseUrl: () => `http://127.0.0.1:${port}`,
    putSubscription: async (record) => {
      await producer.send({
        topic: topics.subscriptions,
        messages: [{ key: record.id, value: JSON.stringify(record) }],
      });
    },
    sendTask: async (task, key) => {
      await producer.send({
        topic: topics.deliveries,
        messages: [{ key: key ?? task.subscriptionId, value: JSON.stringify(task) }],
      });
    },
    sendTasks: async (tasks, key) => {
      await producer.send({
        topic: topics.deliveries,
        messages: tasks.map((task) => ({ key, value: JSON.stringify(task) })),
      });
    },
    close: async () => {
      await harness.worker.stop();
      await producer.disconnect();
      await deleteTestTopics(prefix);
    },
  };
  return harness;
}

let sequence = 0;

/** A subscription for `url` with its own fresh secret, so signatures can be checked. */
export function subscriptionFor(
  url: string,
  overrides: Partial<SubscriptionRecord> = {},
): SubscriptionRecord {
  sequence += 1;
  return subscriptionRecord({
    id: `sub_test${Date.now()}${sequence}`,
    url,
    secrets: [{ value: generateSecret(), createdAt: new Date().toISOString(), expiresAt: null }],
    ...overrides,
  });
}

export function taskFor(
  subscription: SubscriptionRecord,
  overrides: Partial<DeliveryTask> = {},
): DeliveryTask {
  sequence += 1;
  const eventId = `evt_test${Date.now()}${sequence}`;
  return {
    messageId: `msg_test${Date.now()}${sequence}`,
    eventId,
    eventType: 'card.created',
    tenantId: subscription.tenantId,
    accountId: null,
    subscriptionId: subscription.id,
    payload: JSON.stringify({
      id: eventId,
      type: 'card.created',
      timestamp: new Date().toISOString(),
      data: { n: sequence },
    }),
    attempt: 1,
    createdAt: new Date().toISOString(),
    notBefore: null,
    ...overrides,
  };
}
