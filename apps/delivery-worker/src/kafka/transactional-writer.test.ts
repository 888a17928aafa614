import assert from 'node:assert/strict';
import { test } from 'node:test';
import kafkajs, { type Producer, type TopicMessages } from 'kafkajs';
import { durably } from './durably.js';
import { chunkByBytes, type OutgoingMessage, TransactionalWriter } from './transactional-writer.js';

const { KafkaJSError, KafkaJSProtocolError } = kafkajs;
const tooLarge = () =>
  new KafkaJSProtocolError({
    message: 'too large',
    type: 'MESSAGE_TOO_LARGE',
    code: 10,
    retriable: false,
  } as never);

/**
 * A fake transactional producer: sent records become visible only on commit, like a
 * read_committed reader sees them. `script` may fail a transaction's send or commit.
 */
function fakeKafka(
  script: { failCommit?: number; failAbort?: boolean; refuse?: (value: string) => boolean } = {},
) {
  const visible: string[] = [];
  let commits = 0;
  let producers = 0;
  const createProducer = () => {
    producers += 1;
    return {
      connect: async () => {},
      disconnect: async () => {},
      transaction: async () => {
        const pending: string[] = [];
        let active = true;
        return {
          isActive: () => active,
          sendBatch: async ({ topicMessages }: { topicMessages: TopicMessages[] }) => {
            for (const { topic, messages } of topicMessages) {
              for (const message of messages) {
                const value = String(message.value);
                if (script.refuse?.(value)) throw tooLarge();
                pending.push(`${topic}:${value}`);
              }
            }
          },
          commit: async () => {
            commits += 1;
            if (commits === script.failCommit) throw new KafkaJSError('coordinator moved');
            active = false;
            visible.push(...pending);
          },
          abort: async () => {
            if (script.failAbort) throw new KafkaJSError('cannot abort');
            active = false;
          },
        };
      },
    } as unknown as Producer;
  };
  return { visible, createProducer, producers: () => producers, commits: () => commits };
}

const outcomeOf = (n: number): OutgoingMessage[] => [
  { topic: 'retry.5s', message: { key: 'k', value: `task-${n}` } },
  { topic: 'attempts', message: { key: 'k', value: `attempt-${n}` } },
];
const options = { maxEntriesPerTransaction: 100, maxBytesPerSend: 1_000_000 };
const retrying = { isStopping: () => false, onRetry: () => {}, retryMs: 1 };

test('a failed commit makes nothing visible, and the retry writes the outcome once: no forked retry chain', async () => {
  const kafka = fakeKafka({ failCommit: 1, failAbort: true });
  const writer = new TransactionalWriter(kafka.createProducer, options);
  const result = await durably(() => writer.write(outcomeOf(1)), retrying);
  assert.deepEqual(result, { kind: 'done' });
  assert.deepEqual(kafka.visible, ['retry.5s:task-1', 'attempts:attempt-1']);
  assert.equal(kafka.producers(), 2, 'the producer kafkajs could not abort with was replaced');
});

test('outcomes written while a transaction runs share the next transaction', async () => {
  const kafka = fakeKafka();
  const writer = new TransactionalWriter(kafka.createProducer, options);
  // The first starts a transaction at once; the next four wait for it and then go together.
  await Promise.all([1, 2, 3, 4, 5].map((n) => writer.write(outcomeOf(n))));
  assert.equal(kafka.visible.length, 10);
  assert.equal(kafka.commits(), 2);
});

test('transactions start at least minIntervalMs apart, so outcomes arriving meanwhile share one', async () => {
  const kafka = fakeKafka();
  const writer = new TransactionalWriter(kafka.createProducer, { ...options, minIntervalMs: 60 });
  const started = performance.now();
  // The first goes at once (nothing ran before); the next three arrive 10, 20 and 30 ms later.
  const first = writer.write(outcomeOf(1));
  const later = [2, 3, 4].map(
    (n) => new Promise<void>((resolve) => setTimeout(() => resolve(writer.write(outcomeOf(n))), n * 10 - 10)),
  );
  await first;
  assert.ok(performance.now() - started < 40, 'the first write did not wait');
  await Promise.all(later);
  assert.ok(performance.now() - started >= 55, 'the second transaction waited for the interval');
  assert.equal(kafka.visible.length, 8);
  assert.equal(kafka.commits(), 2, 'the three later outcomes shared one transaction');
});

test('a full transaction of outcomes does not wait for the interval', async () => {
  const kafka = fakeKafka();
  const writer = new TransactionalWriter(kafka.createProducer, {
    ...options,
    maxEntriesPerTransaction: 2,
    minIntervalMs: 10_000,
  });
  const started = performance.now();
  await Promise.all([1, 2, 3, 4, 5].map((n) => writer.write(outcomeOf(n))));
  assert.ok(performance.now() - started < 5_000);
  assert.equal(kafka.commits(), 3);
});

test('a record Kafka refuses for good fails alone; the others in its transaction are written', async () => {
  const kafka = fakeKafka({ refuse: (value) => value === 'task-2' });
  const writer = new TransactionalWriter(kafka.createProducer, options);
  const results = await Promise.allSettled([1, 2, 3].map((n) => writer.write(outcomeOf(n))));
  assert.deepEqual(
    results.map((result) => result.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.deepEqual(kafka.visible.sort(), [
    'attempts:attempt-1',
    'attempts:attempt-3',
    'retry.5s:task-1',
    'retry.5s:task-3',
  ]);
});

test('sends are chunked by bytes; a message larger than the bound goes alone', () => {
  const message = (bytes: number): OutgoingMessage => ({ topic: 't', message: { value: 'x'.repeat(bytes) } });
  const chunks = chunkByBytes([message(100), message(100), message(5_000), message(100)], 400);
  assert.deepEqual(
    chunks.map((chunk) => chunk.length),
    [2, 1, 1],
  );
});
