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

  it('settles a barrier with nothing new by one ListOffsets request, and waits for what is new', async () => {
    assert.equal(await view.waitUntilCaughtUp(5_000), true);
    const before = counted.adminRequests.get('ListOffsets') ?? 0;
    for (let check = 0; check < 5; check += 1) assert.equal(await view.waitUntilCaughtUp(5_000), true);
    assert.equal((counted.adminRequests.get('ListOffsets') ?? 0) - before, 5);
    // Written and checked at once: the barrier still holds the record when it answers true.
    await producer.send({
      topic,
      messages: [{ key: 'sub_new', value: JSON.stringify(record('sub_new', 3)) }],
    });
    assert.equal(await view.waitUntilCaughtUp(5_000), true);
    assert.equal(view.get('sub_new')?.version, 3);
  });

  it('hands on its read position: a second view waits for that point without asking the broker', async () => {
    await producer.send({
      topic,
      messages: [{ key: 'sub_c', value: JSON.stringify(record('sub_c', 1)) }],
    });
    assert.equal(await view.waitUntilCaughtUp(5_000), true);
    const position = view.position();
    assert.ok(Object.keys(position).length > 0, 'the position names the partitions read');
    const reader = counting(kafka);
    const second = new SubscriptionView({ kafka: reader.kafka, topic, owner: 'test-second' });
    await second.start();
    try {
      // The second view is caught up too: the first view's position is reached at once.
      assert.equal(await second.waitUntilReached(position, 1_000), true);
      assert.equal(second.get('sub_c')?.version, 1);
      const listOffsetsBefore = reader.adminRequests.get('ListOffsets') ?? 0;
      // A change the first view saw after the second started: the second waits until it has it.
      await producer.send({
        topic,
        messages: [{ key: 'sub_c', value: JSON.stringify(record('sub_c', 2)) }],
      });
      assert.equal(await view.waitUntilCaughtUp(5_000), true);
      const later = view.position();
      assert.equal(await second.waitUntilReached(later, 5_000), true);
      assert.equal(second.get('sub_c')?.version, 2);
      assert.equal(reader.adminRequests.get('ListOffsets') ?? 0, listOffsetsBefore, 'no ListOffsets');
      // A point nobody has written yet is not reached: false at the timeout, not true.
      const ahead = Object.fromEntries(
        Object.entries(later).map(([partition, next]) => [partition, next + 1]),
      );
      assert.equal(await second.waitUntilReached(ahead, 300), false);
    } finally {
      await second.stop();
    }
  });

  it('is caught up with a partition whose records were all deleted, where it can read nothing', async () => {
    const emptied = `${topic}.emptied`;
    await admin.createTopics({ topics: [{ topic: emptied, numPartitions: 1 }], waitForLeaders: true });
    const fresh = new SubscriptionView({ kafka, topic: emptied, owner: 'test-emptied' });
    try {
      await producer.send({
        topic: emptied,
        messages: [{ key: 'sub_gone', value: JSON.stringify(record('sub_gone', 1)) }],
      });
      const [end] = await admin.fetchTopicOffsets(emptied);
      await admin.deleteTopicRecords({
        topic: emptied,
        partitions: [{ partition: 0, offset: end?.high ?? '1' }],
      });
      const [after] = await admin.fetchTopicOffsets(emptied);
      assert.equal(after?.low, after?.high, 'every record deleted');
      const started = Date.now();
      await fresh.start(5_000);
      // Start offset = end offset: nothing to wait for (it would otherwise wait out the timeout).
      assert.ok(Date.now() - started < 4_000);
      assert.equal(await fresh.waitUntilCaughtUp(2_000), true);
      assert.equal(fresh.size, 0);
    } finally {
      await fresh.stop();
      await admin.deleteTopics({ topics: [emptied], timeout: 10_000 });
    }
  });
});
