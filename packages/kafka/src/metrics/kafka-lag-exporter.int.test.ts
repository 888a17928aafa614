import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { createKafkaClient } from '../client.js';
import { KafkaLagExporter } from './kafka-lag-exporter.js';

// Talks to the real broker (KAFKA_BROKERS, default 127.0.0.1:9092) on topics of its own.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const prefix = `test.lag-exporter.${randomBytes(4).toString('hex')}.`;
const work = `${prefix}deliveries`;
const dlq = `${prefix}deliveries.dlq`;
const groupId = `${prefix}worker`;
const kafka = createKafkaClient({ brokers, clientId: 'lag-exporter-test' });

async function gaugeValue(
  registry: Registry,
  name: string,
  labels: Record<string, string>,
): Promise<number | undefined> {
  const metric = (await registry.getMetricsAsJSON()).find((entry) => entry.name === name);
  return metric?.values.find((value) => Object.entries(labels).every(([key, v]) => value.labels[key] === v))
    ?.value;
}

describe('KafkaLagExporter against the broker', () => {
  const admin = kafka.admin();
  before(async () => {
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: work, numPartitions: 2 },
        { topic: dlq, numPartitions: 1 },
      ],
      waitForLeaders: true,
    });
    const producer = kafka.producer();
    await producer.connect();
    // 5 records on partition 0 and 2 on partition 1 of the work topic; 3 dead letters.
    await producer.send({
      topic: work,
      messages: [
        ...Array.from({ length: 5 }, (_, i) => ({ partition: 0, value: `a${i}` })),
        ...Array.from({ length: 2 }, (_, i) => ({ partition: 1, value: `b${i}` })),
      ],
    });
    await producer.send({ topic: dlq, messages: [{ value: 'x' }, { value: 'y' }, { value: 'z' }] });
    await producer.disconnect();
    // The group has processed 3 records of partition 0 and nothing of partition 1.
    await admin.setOffsets({ groupId, topic: work, partitions: [{ partition: 0, offset: '3' }] });
  });

  after(async () => {
    await admin.deleteGroups([groupId]).catch(() => {});
    await admin.deleteTopics({ topics: [work, dlq], timeout: 10_000 });
    await admin.disconnect();
  });

  it('exports lag per group and partition and the dead-letter topic counts', async () => {
    const registry = new Registry();
    const exporter = new KafkaLagExporter({
      kafka,
      registry,
      groups: [{ groupId, topics: [work] }],
      countedTopics: [dlq],
      intervalMs: 60_000,
    });
    await exporter.start();
    try {
      const lag = (partition: string) =>
        gaugeValue(registry, 'hookstream_kafka_consumer_lag_messages', {
          group: groupId,
          topic: work,
          partition,
        });
      assert.equal(await lag('0'), 2);
      assert.equal(await lag('1'), 2);
      assert.equal(
        await gaugeValue(registry, 'hookstream_kafka_topic_high_watermark_messages', { topic: dlq }),
        3,
      );
      assert.equal(await gaugeValue(registry, 'hookstream_kafka_topic_retained_messages', { topic: dlq }), 3);
    } finally {
      await exporter.stop();
    }
  });

  it('counts a failed read and keeps running when a topic does not exist', async () => {
    const registry = new Registry();
    const errors: unknown[] = [];
    const exporter = new KafkaLagExporter({
      kafka,
      registry,
      groups: [],
      countedTopics: [`${prefix}missing`],
      intervalMs: 60_000,
      onError: (error) => errors.push(error),
    });
    await exporter.start();
    await exporter.stop();
    assert.equal(errors.length, 1);
    assert.equal(await gaugeValue(registry, 'hookstream_kafka_lag_refresh_failures_total', {}), 1);
  });
});
