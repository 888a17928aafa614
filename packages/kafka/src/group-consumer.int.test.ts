import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { createKafkaClient } from './client.js';
import { GroupConsumer } from './group-consumer.js';

// Talks to the real broker (KAFKA_BROKERS, default 127.0.0.1:9092) on a topic of its own.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const prefix = `test.group-consumer.${randomBytes(4).toString('hex')}.`;
const topic = `${prefix}input`;
const kafka = createKafkaClient({ brokers, clientId: 'group-consumer-test' });
const log = { warn: () => {}, error: () => {} };

/** A member that counts its fetches and keeps the values it was handed. */
function member(name: string, fetchWait?: { maxWaitMs: number; minBytes: number }) {
  const group = new GroupConsumer(kafka, {
    groupId: `${prefix}${name}`,
    log,
    ...(fetchWait ? { fetchWait } : {}),
  });
  let fetches = 0;
  const values: string[] = [];
  group.consumer.on(group.consumer.events.FETCH, () => {
    fetches += 1;
  });
  const start = () =>
    group.start([topic], {
      eachMessage: async ({ message }) => {
        values.push(String(message.value));
      },
    });
  return { group, start, values, fetches: () => fetches };
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return condition();
}

describe('GroupConsumer fetch wait against the broker', () => {
  const admin = kafka.admin();
  const eager = member('eager');
  const patient = member('patient', { maxWaitMs: 500, minBytes: 64 * 1024 });

  before(async () => {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    await Promise.all([eager.start(), patient.start()]);
    assert.ok(await until(() => eager.group.isJoined && patient.group.isJoined, 15_000), 'both joined');
  });

  after(async () => {
    await Promise.all([eager.group.consumer.disconnect(), patient.group.consumer.disconnect()]);
    await admin.deleteGroups([`${prefix}eager`, `${prefix}patient`]).catch(() => {});
    await admin.deleteTopics({ topics: [topic], timeout: 10_000 });
    await admin.disconnect();
  });

  it('a member with a longer fetch wait asks the broker less often while idle', async () => {
    const [eagerBefore, patientBefore] = [eager.fetches(), patient.fetches()];
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const eagerFetches = eager.fetches() - eagerBefore;
    const patientFetches = patient.fetches() - patientBefore;
    // 100-ms long polls: about 20 in 2 s; 500-ms ones about 4.
    assert.ok(eagerFetches >= 10, `${eagerFetches} fetches at the default wait`);
    assert.ok(patientFetches <= 6, `${patientFetches} fetches at a 500-ms wait`);
  });

  it('still hands over a record smaller than minBytes, once the wait is over', async () => {
    const producer = kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic, messages: [{ value: 'small' }] });
    } finally {
      await producer.disconnect();
    }
    assert.ok(await until(() => patient.values.includes('small'), 5_000), 'the patient member got it');
    assert.ok(eager.values.includes('small'));
  });
});
