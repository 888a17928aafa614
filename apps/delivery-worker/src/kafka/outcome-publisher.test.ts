import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveTopics } from '@hookstream/kafka';
import kafkajs, { type Producer, type ProducerRecord } from 'kafkajs';
import type { Outcome } from '../delivery/outcome.js';
import { durably } from './durably.js';
import { OutcomePublisher } from './outcome-publisher.js';

const { KafkaJSError } = kafkajs;
const topics = resolveTopics('unit.');
const retryTopic = topics.retry[0]?.name ?? '';
const task = {
  messageId: 'msg_1',
  eventId: 'evt_1',
  eventType: 'card.created',
  tenantId: 'ten_1',
  accountId: null,
  subscriptionId: 'sub_1',
  payload: '{}',
  attempt: 2,
  createdAt: '2026-11-30T12:00:00.000Z',
  notBefore: '2026-11-30T12:00:05.000Z',
};
const outcome: Outcome = {
  attempt: {
    id: 'atm_1',
    messageId: 'msg_1',
    eventId: 'evt_1',
    eventType: 'card.created',
    tenantId: 'ten_1',
    subscriptionId: 'sub_1',
    attempt: 1,
    url: 'http://127.0.0.1:1',
    startedAt: '2026-11-30T12:00:00.000Z',
    durationMs: 3,
    outcome: 'retry_scheduled',
    statusCode: 500,
    error: 'HTTP 500',
    responseBody: '',
    nextAttemptAt: '2026-11-30T12:00:05.000Z',
  },
  retry: { task, tierTopic: retryTopic },
};

test('a failed attempt-record write is retried alone: the retry chain is written once, not forked', async () => {
  const written: string[] = [];
  let attemptWrites = 0;
  const producer = {
    send: async (record: ProducerRecord) => {
      if (record.topic === topics.attempts && attemptWrites++ === 0)
        throw new KafkaJSError('Request timed out');
      written.push(record.topic);
      return [];
    },
  } as unknown as Producer;
  const publisher = new OutcomePublisher(producer, topics);
  const source = { topic: topics.deliveries, partition: 0, offset: '7', key: Buffer.from('k') };
  for (const step of publisher.steps(outcome, source)) {
    const result = await durably(step, { isStopping: () => false, onRetry: () => {}, retryMs: 1 });
    assert.deepEqual(result, { kind: 'done' });
  }
  assert.deepEqual(
    written,
    [retryTopic, topics.attempts],
    'the next task first, once; then the attempt record',
  );
});
