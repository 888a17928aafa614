import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DeliveryTask, resolveTopics, type SubscriptionRecord } from '@hookstream/kafka';
import { deliveryTaskFixture } from '@hookstream/kafka/testing';
import { createSigner, type Signer } from '@hookstream/signatures';
import { subscriptionRecord } from '@hookstream/testkit';
import { DeliverTask } from './deliver-task.use-case.js';
import type { DispatchRequest } from './dispatch.js';
import type { DispatchResult } from './dispatch-result.js';

const NOW = new Date('2026-11-30T12:00:00.000Z');
const topics = resolveTopics('unit.');
const tierName = (tier: string) => topics.retry.find((entry) => entry.tier === tier)?.name;

const subscription = subscriptionRecord({ id: 'sub_1', tenantId: 'ten_1', url: 'https://hooks.example/a' });
const task = (overrides: Partial<DeliveryTask> = {}): DeliveryTask =>
  deliveryTaskFixture({ payload: '{"id":"evt_1"}', createdAt: NOW.toISOString(), ...overrides });
const response = (status: number, retryAfterSeconds: number | null = null): DispatchResult => ({
  kind: 'response',
  status,
  retryAfterSeconds,
  bodySnippet: 'ok',
  durationMs: 12,
});

/** The use case with fakes: a fixed subscription lookup, a scripted endpoint, no jitter. */
function useCase(
  options: {
    found?: SubscriptionRecord | undefined;
    answer?: DispatchResult;
    signer?: Signer;
    openSecrets?: (record: SubscriptionRecord) => SubscriptionRecord;
  } = {},
) {
  const undecryptable: Error[] = [];
  const sent: DispatchRequest[] = [];
  const subject = new DeliverTask({
    findSubscription: async () => ('found' in options ? options.found : subscription),
    signer: options.signer ?? createSigner(),
    dispatcher: {
      post: async (request) => {
        sent.push(request);
        return options.answer ?? response(200);
      },
    },
    topics,
    policy: { maxAttempts: 10 },
    defaultTimeoutMs: 10_000,
    userAgent: 'test-agent',
    now: () => NOW,
    random: () => 0.5,
    ...(options.openSecrets ? { openSecrets: options.openSecrets } : {}),
    onUndecryptable: (error) => undecryptable.push(error),
  });
  return { subject, sent, undecryptable };
}

test('a missing subscription cancels the task without a request or a dead letter', async () => {
  const { subject, sent } = useCase({ found: undefined });
  const outcome = await subject.execute(task());
  assert.equal(outcome.attempt.outcome, 'cancelled');
  assert.equal(outcome.attempt.error, 'subscription no longer exists');
  assert.equal(outcome.deadLetter, undefined);
  assert.equal(outcome.retry, undefined);
  assert.equal(sent.length, 0);
});

test('a disabled subscription cancels the task without a request', async () => {
  const { subject, sent } = useCase({ found: { ...subscription, enabled: false } });
  const outcome = await subject.execute(task());
  assert.equal(outcome.attempt.outcome, 'cancelled');
  assert.equal(outcome.attempt.error, 'subscription is disabled');
  assert.equal(outcome.deadLetter, undefined);
  assert.equal(sent.length, 0);
});

test("a task whose tenant does not own the subscription is cancelled and never sent to that tenant's URL", async () => {
  const { subject, sent } = useCase({ found: { ...subscription, tenantId: 'ten_other' } });
  const outcome = await subject.execute(task());
  assert.equal(outcome.attempt.outcome, 'cancelled');
  assert.equal(outcome.attempt.url, null, "the other tenant's URL is not even recorded");
  assert.match(
    outcome.attempt.error ?? '',
    /task of tenant ten_1 names subscription sub_1 of tenant ten_other/,
  );
  assert.equal(sent.length, 0);
});

test('a signer error dead-letters the task with the reason, without a request', async () => {
  const failing: Signer = {
    sign: () => {
      throw new Error('secret is not base64');
    },
    headerNames: () => {
      throw new Error('unused');
    },
  };
  const { subject, sent } = useCase({ signer: failing });
  const outcome = await subject.execute(task());
  assert.equal(outcome.attempt.outcome, 'dead_lettered');
  assert.equal(outcome.deadLetter?.reason, 'cannot sign: secret is not base64');
  assert.equal(sent.length, 0);
});

test('a 2xx is delivered: signed, with the subscription timeout, nothing else to write', async () => {
  const { subject, sent } = useCase({ found: { ...subscription, timeoutMs: 5_000 } });
  const outcome = await subject.execute(task());
  assert.equal(outcome.attempt.outcome, 'delivered');
  assert.equal(outcome.attempt.statusCode, 200);
  assert.equal(outcome.retry, undefined);
  assert.equal(outcome.endpointHealth, 'up');
  assert.equal(sent[0]?.timeoutMs, 5_000, "the subscription's own timeout");
  assert.equal(sent[0]?.headers['webhook-id'], 'msg_1');
  assert.equal(sent[0]?.headers['user-agent'], 'test-agent');
  assert.equal(sent[0]?.body, task().payload);
});

test('without a timeout of its own a subscription gets the default', async () => {
  const { subject, sent } = useCase();
  await subject.execute(task());
  assert.equal(sent[0]?.timeoutMs, 10_000);
});

test('a 5xx at the first attempt schedules attempt 2 in the 5 s tier with the same webhook-id', async () => {
  const { subject } = useCase({ answer: response(500) });
  const outcome = await subject.execute(task());
  assert.equal(outcome.attempt.outcome, 'retry_scheduled');
  assert.equal(outcome.attempt.error, 'HTTP 500');
  assert.equal(outcome.retry?.tierTopic, tierName('5s'));
  assert.equal(outcome.retry?.task.attempt, 2);
  assert.equal(outcome.retry?.task.messageId, 'msg_1');
  assert.equal(outcome.retry?.task.notBefore, '2026-11-30T12:00:05.000Z');
  assert.equal(outcome.endpointHealth, 'down');
});

test('a 5xx at the last attempt dead-letters the task, saying all attempts failed', async () => {
  const { subject } = useCase({ answer: response(503) });
  const outcome = await subject.execute(task({ attempt: 10 }));
  assert.equal(outcome.attempt.outcome, 'dead_lettered');
  assert.equal(outcome.deadLetter?.reason, 'HTTP 503; all 10 attempts failed');
  assert.equal(outcome.retry, undefined);
});

test('410 Gone dead-letters at once', async () => {
  const { subject } = useCase({ answer: response(410) });
  const outcome = await subject.execute(task());
  assert.equal(outcome.attempt.outcome, 'dead_lettered');
  assert.equal(outcome.deadLetter?.reason, 'HTTP 410');
  assert.equal(outcome.endpointHealth, 'up', 'a 410 is an answer, not an endpoint failure');
});

test('429 with a long Retry-After waits that long, in the tier that can hold it', async () => {
  const { subject } = useCase({ answer: response(429, 600) });
  const outcome = await subject.execute(task());
  assert.equal(outcome.attempt.outcome, 'retry_scheduled');
  assert.equal(outcome.attempt.nextAttemptAt, '2026-11-30T12:10:00.000Z');
  assert.equal(outcome.retry?.tierTopic, tierName('15m'));
});

test('an open breaker records circuit_open, sends nothing, and schedules the next attempt', async () => {
  const { subject, sent } = useCase();
  const prepared = await subject.prepare(task());
  assert.ok(!('outcome' in prepared));
  const outcome = subject.skip(prepared);
  assert.equal(outcome.attempt.outcome, 'circuit_open');
  assert.equal(outcome.attempt.statusCode, null);
  assert.equal(outcome.retry?.task.attempt, 2, 'it uses one attempt of the budget');
  assert.equal(sent.length, 0);
});

test('an open breaker puts the next attempt no earlier than its next probe', async () => {
  const { subject } = useCase();
  const prepared = await subject.prepare(task());
  assert.ok(!('outcome' in prepared));
  const outcome = subject.skip(prepared, NOW.getTime() + 30_000);
  assert.equal(outcome.attempt.nextAttemptAt, '2026-11-30T12:00:30.000Z', 'not the 5 s of the schedule');
  assert.equal(outcome.retry?.tierTopic, tierName('30s'));
});

test('an open breaker at the last attempt dead-letters the task', async () => {
  const { subject } = useCase();
  const prepared = await subject.prepare(task({ attempt: 10 }));
  assert.ok(!('outcome' in prepared));
  const outcome = subject.skip(prepared);
  assert.equal(outcome.attempt.outcome, 'dead_lettered');
  assert.match(outcome.deadLetter?.reason ?? '', /^circuit open: .*; all 10 attempts failed$/);
});

test('a refused destination is dead-lettered at once with the reason, and says nothing of the endpoint', async () => {
  const { subject } = useCase({
    answer: {
      kind: 'refused',
      message: 'refused to connect to 127.0.0.1: it is a loopback address',
      durationMs: 1,
    },
  });
  const outcome = await subject.execute(task());
  assert.equal(outcome.attempt.outcome, 'dead_lettered');
  assert.equal(outcome.attempt.error, 'refused: refused to connect to 127.0.0.1: it is a loopback address');
  assert.equal(outcome.deadLetter?.reason, outcome.attempt.error);
  assert.equal(outcome.retry, undefined);
  assert.equal(outcome.endpointHealth, undefined);
});

test('secrets are opened before signing; the request uses the opened record', async () => {
  const opened = { ...subscription, headers: { Authorization: 'Bearer opened' } };
  const { subject, sent } = useCase({ openSecrets: () => opened });
  const outcome = await subject.execute(task());
  assert.equal(outcome.attempt.outcome, 'delivered');
  assert.equal(sent[0]?.headers.Authorization, 'Bearer opened');
});

test('a record whose secrets do not open is dead-lettered with the reason, without a request', async () => {
  const { subject, sent, undecryptable } = useCase({
    openSecrets: () => {
      throw new Error('subscription sub_1: secrets.0 cannot be decrypted (unknown-key, key k9)');
    },
  });
  const outcome = await subject.execute(task());
  assert.equal(outcome.attempt.outcome, 'dead_lettered');
  assert.match(outcome.deadLetter?.reason ?? '', /cannot be decrypted \(unknown-key, key k9\)/);
  assert.equal(sent.length, 0);
  assert.equal(undecryptable.length, 1);
});
