import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AttemptRecord, type DeliveryTask, HEADERS, resolveTopics } from '@hookstream/kafka';
import { deliveryTaskFixture } from '@hookstream/kafka/testing';
import type { Outcome } from '../delivery/outcome.js';
import { OutcomePublisher, type SourceRecord } from './outcome-publisher.js';

const topics = resolveTopics('t.');
const publisher = new OutcomePublisher(topics);
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const task: DeliveryTask = deliveryTaskFixture();
const attempt: AttemptRecord = {
  id: 'atm_1',
  messageId: 'msg_1',
  eventId: 'evt_1',
  eventType: 'card.created',
  tenantId: 'ten_1',
  subscriptionId: 'sub_1',
  attempt: 1,
  url: 'https://hooks.example/a',
  startedAt: '2026-11-22T10:00:01.000Z',
  durationMs: 5,
  outcome: 'retry_scheduled',
  statusCode: 500,
  error: 'HTTP 500',
  responseBody: null,
  nextAttemptAt: '2026-11-22T10:00:06.000Z',
};
const retryTier = topics.retry[0]?.name ?? '';
const source = (traceHeaders?: SourceRecord['traceHeaders']): SourceRecord => ({
  topic: topics.deliveries,
  partition: 0,
  offset: '9',
  key: Buffer.from('acc_1'),
  ...(traceHeaders === undefined ? {} : { traceHeaders }),
});

describe('OutcomePublisher keeps a delivery in its trace', () => {
  it('a retry record carries the task’s traceparent', () => {
    const outcome: Outcome = { attempt, retry: { task: { ...task, attempt: 2 }, tierTopic: retryTier } };
    const [retry] = publisher.outcome(outcome, source({ traceparent }));
    assert.equal(retry?.topic, retryTier);
    assert.equal(retry?.message.headers?.traceparent, traceparent);
  });

  it('a dead-letter record carries it beside the reason and the origin', () => {
    const outcome: Outcome = {
      attempt: { ...attempt, outcome: 'dead_lettered' },
      deadLetter: { task, reason: 'gone' },
    };
    const [dead] = publisher.outcome(outcome, source({ traceparent }));
    assert.equal(dead?.topic, topics.deadLetter);
    assert.equal(dead?.message.headers?.traceparent, traceparent);
    assert.equal(dead?.message.headers?.[HEADERS.deadLetterReason], 'gone');
  });

  it('a task moved aside keeps it too', () => {
    const [moved] = publisher.requeue(task, retryTier, source({ traceparent }));
    assert.equal(moved?.message.headers?.traceparent, traceparent);
  });

  it('adds no trace header when the record had none (tracing off)', () => {
    const [retry] = publisher.outcome({ attempt, retry: { task, tierTopic: retryTier } }, source());
    assert.equal(retry?.message.headers?.traceparent, undefined);
  });
});
