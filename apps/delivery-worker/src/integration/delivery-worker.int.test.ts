import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HEADERS } from '@hookstream/kafka';
import { verifyWebhook } from '@hookstream/signatures/verify';
import { readTopic, startReceiver, type TestReceiver } from '@hookstream/testkit';
import { startWorkerHarness, subscriptionFor, taskFor, type WorkerHarness } from './worker-harness.js';

interface Attempt {
  messageId: string;
  outcome: string;
  statusCode: number | null;
  attempt: number;
  error: string | null;
}

/** Waits for `count` attempt records of one delivery (the topic is shared by this file's tests). */
const attemptsOf = async (harness: WorkerHarness, count: number, messageId: string): Promise<Attempt[]> =>
  (
    await readTopic(harness.kafka, harness.topics.attempts, count, {
      where: (record) => (record.value ?? '').includes(`"messageId":"${messageId}"`),
      // Read on briefly, so a duplicate attempt record would be seen.
      settleMs: 500,
    })
  ).map((record) => JSON.parse(record.value ?? '{}') as Attempt);

describe('delivery-worker against the real broker and real HTTP endpoints', () => {
  let harness: WorkerHarness;
  const receivers: TestReceiver[] = [];

  before(async () => {
    // The broker's minimum session timeout, so a killed worker's partitions move in seconds.
    harness = await startWorkerHarness('worker', { KAFKA_SESSION_TIMEOUT_MS: '6000' });
  });
  after(async () => {
    await harness?.close();
    await Promise.all(receivers.map((receiver) => receiver.close()));
  });

  test('a 500 is retried through the 5 s tier with the same webhook-id, then delivered', async () => {
    const receiver = await startReceiver((_request, index) => ({ status: index === 0 ? 500 : 204 }));
    receivers.push(receiver);
    const subscription = subscriptionFor(receiver.url);
    await harness.putSubscription(subscription);
    const task = taskFor(subscription);
    await harness.sendTask(task);

    const [first, second] = await receiver.waitForRequests(2, 30_000);
    assert.ok(first && second);
    assert.equal(first.headers['webhook-id'], task.messageId);
    assert.equal(second.headers['webhook-id'], task.messageId, 'a retry keeps its webhook-id');
    const waitedMs = second.receivedAt - first.receivedAt;
    assert.ok(waitedMs >= 3_900 && waitedMs < 15_000, `retry waited ${waitedMs} ms (5 s tier ±20 %)`);
    const secret = subscription.secrets[0]?.value ?? '';
    assert.ok(
      verifyWebhook(second.rawBody, second.headers, secret).ok,
      'the retry is signed afresh and verifies',
    );
    assert.equal(second.rawBody.toString(), task.payload, 'the same bytes every attempt');

    const attempts = await attemptsOf(harness, 2, task.messageId);
    assert.deepEqual(
      attempts.map((attempt) => [attempt.attempt, attempt.outcome, attempt.statusCode]),
      [
        [1, 'retry_scheduled', 500],
        [2, 'delivered', 204],
      ],
    );
  });

  test('a task whose router view position this view cannot reach is still delivered, and counted', async () => {
    const receiver = await startReceiver(() => ({ status: 204 }));
    receivers.push(receiver);
    const subscription = subscriptionFor(receiver.url);
    await harness.putSubscription(subscription);
    const misses = async () => {
      const text = await (await fetch(`${harness.baseUrl()}/metrics`)).text();
      return Number(/^hookstream_worker_view_position_misses_total (\d+)/m.exec(text)?.[1] ?? Number.NaN);
    };
    const missesBefore = await misses();
    // Reached at once: this view has read the subscription the position covers.
    const reachable = taskFor(subscription, { viewPosition: { '0': 0 } });
    await harness.sendTask(reachable);
    await receiver.waitForRequests(1, 15_000);
    assert.equal(await misses(), missesBefore);
    // Far beyond anything written (as after the topic was recreated): the task falls back to the
    // check against the topic's end instead of waiting for a position that will not come.
    const unreachable = taskFor(subscription, { viewPosition: { '0': 1_000_000_000 } });
    await harness.sendTask(unreachable);
    const [, second] = await receiver.waitForRequests(2, 15_000);
    assert.equal(second?.headers['webhook-id'], unreachable.messageId);
    assert.equal(await misses(), missesBefore + 1);
  });

  test('410 Gone is dead-lettered at once with the reason, and recorded', async () => {
    const receiver = await startReceiver(() => ({ status: 410 }));
    receivers.push(receiver);
    const subscription = subscriptionFor(receiver.url);
    await harness.putSubscription(subscription);
    const task = taskFor(subscription);
    await harness.sendTask(task);

    const [record] = await readTopic(harness.kafka, harness.topics.deadLetter, 1, {
      where: (entry) => (entry.value ?? '').includes(task.messageId),
    });
    assert.ok(record, 'the task is in the dead-letter topic');
    assert.equal(record.headers[HEADERS.deadLetterReason], 'HTTP 410');
    assert.equal(record.headers[HEADERS.sourceTopic], harness.topics.deliveries);
    assert.equal(receiver.requests.length, 1, 'never retried');
  });

  test('a record that is not a delivery task is dead-lettered unchanged, and work behind it goes on', async () => {
    const receiver = await startReceiver(() => ({ status: 200 }));
    receivers.push(receiver);
    const subscription = subscriptionFor(receiver.url);
    await harness.putSubscription(subscription);
    const task = taskFor(subscription);
    await harness.producer.send({
      topic: harness.topics.deliveries,
      messages: [
        { key: 'same-partition', value: '{"not":"a task"}' },
        { key: 'same-partition', value: JSON.stringify(task) },
      ],
    });
    await receiver.waitForRequests(1);
    const [invalid] = await readTopic(harness.kafka, harness.topics.deadLetter, 1, {
      where: (entry) => entry.value === '{"not":"a task"}',
    });
    assert.ok(invalid, 'dead-lettered as it was');
    assert.match(invalid.headers[HEADERS.deadLetterReason] ?? '', /^invalid delivery task: /);
  });

  test('a slow endpoint does not hold up deliveries behind it on the same partition', async () => {
    const slow = await startReceiver(() => ({ status: 200, delayMs: 4_000 }));
    const fast = await startReceiver(() => ({ status: 200 }));
    receivers.push(slow, fast);
    const slowSubscription = subscriptionFor(slow.url);
    const fastSubscription = subscriptionFor(fast.url);
    await harness.putSubscription(slowSubscription);
    await harness.putSubscription(fastSubscription);
    await harness.sendTask(taskFor(slowSubscription), 'one-key');
    for (let i = 0; i < 5; i += 1) await harness.sendTask(taskFor(fastSubscription), 'one-key');

    const [slowRequest] = await slow.waitForRequests(1);
    const fastRequests = await fast.waitForRequests(5);
    assert.ok(slowRequest);
    const lastFast = Math.max(...fastRequests.map((request) => request.receivedAt));
    assert.ok(
      lastFast - slowRequest.receivedAt < 3_000,
      `fast deliveries arrived ${lastFast - slowRequest.receivedAt} ms after the slow one started, before it answered`,
    );
  });

  test('a retry due later than its tier allows moves to a longer tier instead of holding up what is due behind it', async () => {
    const receiver = await startReceiver(() => ({ status: 200 }));
    receivers.push(receiver);
    const subscription = subscriptionFor(receiver.url);
    await harness.putSubscription(subscription);
    const fiveSeconds = harness.topics.retry.find((tier) => tier.tier === '5s')?.name ?? '';
    // A long Retry-After put this one 12 s out; the one behind it is due now.
    const later = taskFor(subscription, {
      attempt: 2,
      notBefore: new Date(Date.now() + 12_000).toISOString(),
    });
    const due = taskFor(subscription, { attempt: 2, notBefore: new Date(Date.now() - 1_000).toISOString() });
    const sentAt = Date.now();
    await harness.producer.send({
      topic: fiveSeconds,
      messages: [
        { key: 'one-key', value: JSON.stringify(later) },
        { key: 'one-key', value: JSON.stringify(due) },
      ],
    });
    const [first] = await receiver.waitForRequests(1);
    assert.equal(first?.headers['webhook-id'], due.messageId);
    assert.ok((first?.receivedAt ?? 0) - sentAt < 4_000, 'not held behind the later one');
    const thirtySeconds = harness.topics.retry.find((tier) => tier.tier === '30s')?.name ?? '';
    const moved = await readTopic(harness.kafka, thirtySeconds, 1);
    assert.deepEqual(
      moved.map((record) => JSON.parse(record.value ?? '{}').messageId),
      [later.messageId],
      'the later one moved to the 30 s tier, once',
    );
  });

  test('a deleted subscription, a disabled one and a foreign tenant cancel the task: an attempt record, no request, no dead letter', async () => {
    const receiver = await startReceiver(() => ({ status: 200 }));
    receivers.push(receiver);
    const deleted = subscriptionFor(receiver.url);
    const disabled = subscriptionFor(receiver.url, { enabled: false });
    const owned = subscriptionFor(receiver.url, { tenantId: 'ten_owner' });
    for (const record of [deleted, disabled, owned]) await harness.putSubscription(record);
    await harness.producer.send({
      topic: harness.topics.subscriptions,
      messages: [{ key: deleted.id, value: null }],
    });
    const tasks = [taskFor(deleted), taskFor(disabled), taskFor(owned, { tenantId: 'ten_intruder' })];
    for (const task of tasks) await harness.sendTask(task);

    const attempts = await Promise.all(tasks.map((task) => attemptsOf(harness, 1, task.messageId)));
    assert.deepEqual(
      attempts.map(([attempt]) => [attempt?.outcome, attempt?.statusCode, attempt?.error]),
      [
        ['cancelled', null, 'subscription no longer exists'],
        ['cancelled', null, 'subscription is disabled'],
        ['cancelled', null, `task of tenant ten_intruder names subscription ${owned.id} of tenant ten_owner`],
      ],
    );
    assert.equal(receiver.requests.length, 0, 'nothing was sent');
    // A marker dead-lettered after the cancellations were durable: the dead-letter topic has one
    // partition, so a dead letter of any of the tasks would be read before it.
    const marker = `{"marker":"${tasks[0]?.messageId}"}`;
    await harness.producer.send({ topic: harness.topics.deliveries, messages: [{ value: marker }] });
    const deadLettered = await readTopic(harness.kafka, harness.topics.deadLetter, 1, {
      where: (record) =>
        record.value === marker ||
        tasks.some((task) => (record.value ?? '').includes(`"messageId":"${task.messageId}"`)),
      settleMs: 500,
    });
    assert.deepEqual(
      deadLettered.map((record) => record.value),
      [marker],
      'a cancelled task is not a dead letter',
    );
  });

  test('a worker killed mid-delivery loses nothing: its successor delivers the uncommitted task', async () => {
    let answered = 0;
    const receiver = await startReceiver(() => {
      answered += 1;
      // The first request hangs long enough for the kill; the successor's is answered at once.
      return { status: 200, delayMs: answered === 1 ? 10_000 : 0 };
    });
    receivers.push(receiver);
    const subscription = subscriptionFor(receiver.url);
    await harness.putSubscription(subscription);
    const task = taskFor(subscription);
    await harness.sendTask(task);
    await receiver.waitForRequests(1);

    harness.worker.child.kill('SIGKILL');
    await new Promise((resolve) => harness.worker.child.once('exit', resolve));
    harness.worker = await harness.startWorker();

    const requests = await receiver.waitForRequests(2, 60_000);
    assert.equal(
      requests[1]?.headers['webhook-id'],
      task.messageId,
      'the same delivery, so the receiver can deduplicate',
    );
    const attempts = await attemptsOf(harness, 1, task.messageId);
    assert.ok(attempts.some((attempt) => attempt.outcome === 'delivered'));
  });
});
