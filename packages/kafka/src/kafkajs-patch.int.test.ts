import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Admin, Producer, RequestEvent } from 'kafkajs';
import { createKafkaClient } from './client.js';
import { TRANSACTIONAL_PRODUCER_RETRY } from './transactional-producer-retry.js';

// Talks to the real broker (KAFKA_BROKERS, default 127.0.0.1:9092) on topics of its own.
// What the project's kafkajs patch (patches/kafkajs@2.2.4.patch) changes, seen as requests on
// the wire: if the patch is lost (a kafkajs upgrade, pnpm dropping it) these fail.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const prefix = `test.kafkajs-patch.${randomBytes(4).toString('hex')}.`;
const input = `${prefix}input`;
const output = `${prefix}output`;
const groupId = `${prefix}group`;
const kafka = createKafkaClient({ brokers, clientId: 'kafkajs-patch-test' });

/** Counts the requests a client sends, by API name, from kafkajs' instrumentation events. */
function countRequests(client: Producer | Admin): Map<string, number> {
  const counts = new Map<string, number>();
  const count = ({ payload }: RequestEvent) => {
    counts.set(payload.apiName, (counts.get(payload.apiName) ?? 0) + 1);
  };
  if ('transaction' in client) client.on(client.events.REQUEST, count);
  else client.on(client.events.REQUEST, count);
  return counts;
}

/** One transaction the way the router writes one: a produce and a consumer position. */
async function routeOnce(producer: Producer, offset: number): Promise<void> {
  const transaction = await producer.transaction();
  await transaction.send({ topic: output, messages: [{ key: 'k', value: `v${offset}` }] });
  await transaction.sendOffsets({
    consumerGroupId: groupId,
    topics: [{ topic: input, partitions: [{ partition: 0, offset: String(offset + 1) }] }],
  });
  await transaction.commit();
}

describe('the patched kafkajs against the broker', () => {
  const admin = kafka.admin();

  /**
   * The group's committed offset of `input` partition 0 once it reads `expected`, or the last
   * one read after 10 s. A transaction's offsets become visible only when the coordinator has
   * written its commit markers, which it does after EndTxn has answered; kafkajs' OffsetFetch
   * does not ask for stable offsets, so a read right after `commit()` may still see the old one.
   */
  async function committedOffset(expected: string): Promise<string | undefined> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const committed = await admin.fetchOffsets({ groupId, topics: [input] });
      const offset = committed[0]?.partitions[0]?.offset;
      if (offset === expected || Date.now() >= deadline) return offset;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  before(async () => {
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: input, numPartitions: 1 },
        { topic: output, numPartitions: 2 },
      ],
      waitForLeaders: true,
    });
  });

  after(async () => {
    await admin.deleteGroups([groupId]).catch(() => {});
    await admin.deleteTopics({ topics: [input, output], timeout: 10_000 });
    await admin.disconnect();
  });

  it('looks up the transaction and group coordinators once, not before every request of every transaction', async () => {
    const producer = kafka.producer({
      transactionalId: `${prefix}txn`,
      idempotent: true,
      maxInFlightRequests: 1,
      retry: TRANSACTIONAL_PRODUCER_RETRY,
    });
    const requests = countRequests(producer);
    await producer.connect();
    try {
      for (let offset = 0; offset < 10; offset += 1) await routeOnce(producer, offset);
    } finally {
      await producer.disconnect();
    }
    // Upstream sends four per transaction (AddPartitionsToTxn, AddOffsetsToTxn,
    // TxnOffsetCommit, EndTxn each look theirs up): 40 here.
    assert.equal(requests.get('EndTxn'), 10, 'ten transactions were committed');
    const lookups = requests.get('GroupCoordinator') ?? 0;
    assert.ok(lookups <= 3, `FindCoordinator sent ${lookups} times for ten transactions`);
    assert.equal(await committedOffset('10'), '10', 'every transaction committed its position');
  });

  it('keeps working after the cached coordinator’s connection is closed', async () => {
    const producer = kafka.producer({
      transactionalId: `${prefix}txn-reconnect`,
      idempotent: true,
      maxInFlightRequests: 1,
      retry: TRANSACTIONAL_PRODUCER_RETRY,
    });
    await producer.connect();
    try {
      await routeOnce(producer, 20);
      // What a broker's idle-connection timeout (connections.max.idle.ms) does: the socket goes.
      // kafkajs reconnects on the next request; the cached coordinator must not stay stale.
      await producer.disconnect();
      await producer.connect();
      await routeOnce(producer, 21);
    } finally {
      await producer.disconnect();
    }
    assert.equal(await committedOffset('22'), '22');
  });

  it('commits a transaction that holds only offsets right after another transaction', async () => {
    // The router's round when every event of it matched nothing: no send, so AddOffsetsToTxn
    // is the transaction's first request, and the coordinator may still be writing the
    // previous commit's markers (CONCURRENT_TRANSACTIONS). Upstream kafkajs does not retry it
    // there, and the router rebuilt its producer each time.
    const producer = kafka.producer({
      transactionalId: `${prefix}txn-offsets-only`,
      idempotent: true,
      maxInFlightRequests: 1,
      retry: TRANSACTIONAL_PRODUCER_RETRY,
    });
    await producer.connect();
    try {
      for (let offset = 100; offset < 120; offset += 2) {
        await routeOnce(producer, offset);
        const offsetsOnly = await producer.transaction();
        await offsetsOnly.sendOffsets({
          consumerGroupId: groupId,
          topics: [{ topic: input, partitions: [{ partition: 0, offset: String(offset + 2) }] }],
        });
        await offsetsOnly.commit();
      }
    } finally {
      await producer.disconnect();
    }
    assert.equal(await committedOffset('120'), '120');
  });

  it('fetches topic offsets without a Metadata request each time when the admin has a metadataMaxAge', async () => {
    const cached = kafka.admin({ metadataMaxAge: 60_000 });
    const requests = countRequests(cached);
    await cached.connect();
    try {
      for (let round = 0; round < 5; round += 1) {
        const offsets = await cached.fetchTopicOffsets(output);
        assert.equal(offsets.length, 2);
      }
    } finally {
      await cached.disconnect();
    }
    // Upstream refreshes metadata on every call (an admin has no maximum age): five or more.
    const metadata = requests.get('Metadata') ?? 0;
    assert.ok(metadata <= 2, `Metadata sent ${metadata} times for five calls`);
    // High and low watermarks: two ListOffsets per call, sent together.
    assert.equal(requests.get('ListOffsets'), 10);
  });

  it('fetches the end offsets alone in one ListOffsets request, the same as the high watermarks', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const reader = kafka.admin({ metadataMaxAge: 60_000 });
    const requests = countRequests(reader);
    await reader.connect();
    try {
      await producer.send({
        topic: output,
        messages: [
          { key: 'a', value: '1', partition: 0 },
          { key: 'b', value: '2', partition: 0 },
          { key: 'c', value: '3', partition: 1 },
        ],
      });
      const both = await reader.fetchTopicOffsets(output);
      const before = requests.get('ListOffsets') ?? 0;
      const ends = await reader.fetchTopicEndOffsets(output);
      assert.equal((requests.get('ListOffsets') ?? 0) - before, 1);
      const byPartition = (rows: Array<{ partition: number; high: string }>) =>
        rows.map(({ partition, high }) => `${partition}:${high}`).sort();
      assert.deepEqual(byPartition(ends), byPartition(both));
      assert.ok(ends.every(({ offset, high }) => offset === high));
      assert.ok(Number(ends.find(({ partition }) => partition === 0)?.high) >= 2);
    } finally {
      await reader.disconnect();
      await producer.disconnect();
    }
  });
});
