import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveTopics } from '@hookstream/kafka';
import type { ProducerRecord } from 'kafkajs';
import type { OutboxMessage } from './outbox.repository.js';
import { publishOutboxRows } from './publish-outbox-rows.js';

const topics = resolveTopics('t.');
const KIB = 1024;
const row = (id: number, valueBytes: number): OutboxMessage => ({
  id: String(id),
  topic: 'subscriptions',
  key: `sub_${id}`,
  value: 'v'.repeat(valueBytes),
});

/** A producer that records each request and can refuse some, like a broker would. */
function recordingProducer(refuse: (record: ProducerRecord) => Error | null = () => null) {
  const requests: ProducerRecord[] = [];
  return {
    requests,
    send: async (record: ProducerRecord) => {
      const error = refuse(record);
      if (error) throw error;
      requests.push(record);
      return [];
    },
  };
}

const tooLarge = () =>
  Object.assign(new Error('The request included a message larger than the max'), {
    type: 'MESSAGE_TOO_LARGE',
  });

test('500 rows of 30 KiB go out in requests of at most 512 KiB, in order, each marked after its ack', async () => {
  const producer = recordingProducer();
  const rows = Array.from({ length: 500 }, (_, index) => row(index + 1, 30 * KIB));
  const marked: string[][] = [];
  const report = await publishOutboxRows(producer, topics, rows, async (ids) => {
    marked.push(ids);
  });
  assert.equal(report.published.length, 500);
  assert.deepEqual(
    report.published,
    rows.map((r) => r.id),
  );
  assert.ok(producer.requests.length > 1, 'several requests');
  for (const request of producer.requests) {
    const bytes = request.messages.reduce((sum, m) => sum + String(m.value).length + String(m.key).length, 0);
    assert.ok(bytes <= 512 * KIB, `request of ${bytes} bytes`);
    assert.equal(request.acks, -1, 'acknowledged by all in-sync replicas');
    assert.equal(request.topic, 't.subscriptions');
  }
  assert.deepEqual(marked.flat(), report.published);
  assert.equal(report.error, undefined);
});

test('a row bigger than the topic allows is parked without a request; the rows around it go out', async () => {
  const producer = recordingProducer();
  const rows = [row(1, KIB), row(2, 2 * 1024 * KIB), row(3, KIB)];
  const report = await publishOutboxRows(producer, topics, rows, async () => {});
  assert.deepEqual(report.published, ['1', '3']);
  assert.deepEqual(
    report.parked.map((p) => p.id),
    ['2'],
  );
  assert.match(report.parked[0]?.reason ?? '', /exceeds subscriptions limit of 1048576 bytes/);
  assert.ok(producer.requests.every((r) => r.messages.every((m) => m.key !== 'sub_2')));
});

test('a lone row the broker refuses as too large is parked; the next rows still go out', async () => {
  const producer = recordingProducer((record) =>
    record.messages.some((m) => m.key === 'sub_2') ? tooLarge() : null,
  );
  // 600 KiB each: every row travels alone, so the refused one is alone too.
  const rows = [row(1, 600 * KIB), row(2, 600 * KIB), row(3, 600 * KIB)];
  const report = await publishOutboxRows(producer, topics, rows, async () => {});
  assert.deepEqual(report.published, ['1', '3']);
  assert.deepEqual(
    report.parked.map((p) => p.id),
    ['2'],
  );
});

test('any other failure stops the run: earlier chunks stay published, later rows wait', async () => {
  let calls = 0;
  const producer = recordingProducer(() => (++calls === 2 ? new Error('broker away') : null));
  const rows = [row(1, 600 * KIB), row(2, 600 * KIB), row(3, 600 * KIB)];
  const report = await publishOutboxRows(producer, topics, rows, async () => {});
  assert.deepEqual(report.published, ['1']);
  assert.deepEqual(report.parked, []);
  assert.equal(report.error?.message, 'broker away');
});
