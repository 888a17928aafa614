import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Kafka } from 'kafkajs';
import { createKafkaClient } from './client.js';
import { subscriptionFixture } from './messages/subscription-record.fixture.js';
import type { SubscriptionRecord } from './messages/subscription-record.js';
import { SubscriptionView } from './subscription-view.js';

// Talks to the real broker (KAFKA_BROKERS, default 127.0.0.1:9092) on a topic of its own.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const topic = `test.subscription-view.${randomBytes(4).toString('hex')}.subscriptions`;
const kafka = createKafkaClient({ brokers, clientId: 'subscription-view-test' });

const record = (id: string, version: number): SubscriptionRecord =>
  subscriptionFixture({ id, tenantId: 'ten_view', version });

/** The same client, counting the fetches of its consumers and the requests of its admins by API name. */
function counting(client: Kafka): {
  kafka: Kafka;
  fetches: () => number;
  adminRequests: Map<string, number>;
} {
  let fetches = 0;
  const adminRequests = new Map<string, number>();
  const wrapped = Object.create(client) as Kafka;
  wrapped.consumer = (config) => {
    const consumer = client.consumer(config);
    consumer.on(consumer.events.FETCH, () => {
      fetches += 1;
    });
    return consumer;
  };
  wrapped.admin = (config) => {
    const admin = client.admin(config);
    admin.on(admin.events.REQUEST, ({ payload }) => {
      adminRequests.set(payload.apiName, (adminRequests.get(payload.apiName) ?? 0) + 1);
    });
    return admin;
  };
  return { kafka: wrapped, fetches: () => fetches, adminRequests };
}

describe('SubscriptionView against the broker', () => {
  const admin = kafka.admin();
  const counted = counting(kafka);
  const view = new SubscriptionView({ kafka: counted.kafka, topic, owner: 'test' });
  const producer = kafka.producer();

  before(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await producer.connect();
    await view.start();
  });

  after(async () => {
    await view.stop();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic], timeout: 10_000 });
    await admin.disconnect();
  });

  it('holds every record written before the barrier was asked, and forgets deleted ones', async () => {
    await producer.send({
      topic,
      messages: [
        { key: 'sub_a', value: JSON.stringify(record('sub_a', 1)) },
        { key: 'sub_b', value: JSON.stringify(record('sub_b', 1)) },
      ],
    });
    assert.equal(await view.waitUntilCaughtUp(5_000), true);
    assert.equal(view.get('sub_a')?.version, 1);
    assert.equal(view.get('sub_b')?.version, 1);
    await producer.send({
      topic,
      messages: [
        { key: 'sub_a', value: null },
        { key: 'sub_b', value: JSON.stringify(record('sub_b', 2)) },
      ],
    });
    assert.equal(await view.waitUntilCaughtUp(5_000), true);
    assert.equal(view.get('sub_a'), undefined);
    assert.equal(view.get('sub_b')?.version, 2);
  });

  it('asks the broker for changes a few times a second while idle, not tens of times', async () => {
    const before = counted.fetches();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const fetches = counted.fetches() - before;
    // 500-ms long polls: about 4 in 2 s. At 50 ms it was about 40.
    assert.ok(fetches <= 8, `${fetches} fetches in 2 s of idling`);
  });

  it('checks the barrier without a Metadata request each time', async () => {
    const before = counted.adminRequests.get('Metadata') ?? 0;
    for (let check = 0; check < 10; check += 1) assert.equal(await view.waitUntilCaughtUp(5_000), true);
    const metadata = (counted.adminRequests.get('Metadata') ?? 0) - before;
    // Metadata at most once a second (BARRIER_METADATA_MAX_AGE_MS); ten checks take well under that.
    assert.ok(metadata <= 1, `${metadata} Metadata requests for ten barriers`);
  });
});
