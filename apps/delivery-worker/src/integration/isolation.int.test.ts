import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readTopic, startReceiver, type TestReceiver, waitFor } from '@hookstream/testkit';
import {
  type BadEndpoint,
  hangingEndpoint,
  hugeBodyEndpoint,
  redirectingEndpoint,
  resettingEndpoint,
  tricklingEndpoint,
} from './bad-endpoints.js';
import { startWorkerHarness, subscriptionFor, taskFor, type WorkerHarness } from './worker-harness.js';

interface Attempt {
  messageId: string;
  outcome: string;
  statusCode: number | null;
  attempt: number;
  error: string | null;
  responseBody: string | null;
  url: string | null;
}

const attemptsOf = async (harness: WorkerHarness, count: number, messageIds: readonly string[]) =>
  (
    await readTopic(harness.kafka, harness.topics.attempts, count, {
      where: (record) => messageIds.some((id) => (record.value ?? '').includes(`"messageId":"${id}"`)),
      timeoutMs: 30_000,
    })
  ).map((record) => JSON.parse(record.value ?? '{}') as Attempt);

describe('delivery-worker: isolation, breaker and bad endpoints, against the real broker and real HTTP', () => {
  let harness: WorkerHarness;
  const receivers: TestReceiver[] = [];
  const bad: BadEndpoint[] = [];

  before(async () => {
    harness = await startWorkerHarness('worker-isolation', {
      // Small numbers so a few tasks show the behaviour: 2 slots per endpoint, 8 in all.
      WORKER_MAX_IN_FLIGHT: '8',
      WORKER_ENDPOINT_MAX_IN_FLIGHT: '2',
      WORKER_TENANT_MAX_IN_FLIGHT: '8',
      WORKER_QUEUE_WAIT_MS: '200',
      WORKER_DEFER_MIN_MS: '500',
      WORKER_BREAKER_FAILURES: '3',
      WORKER_BREAKER_OPEN_MS: '2000',
    });
  });
  after(async () => {
    await harness?.close();
    await Promise.all([...receivers, ...bad].map((endpoint) => endpoint.close()));
  });

  test('a slow endpoint beside a fast one on the same partition: the fast one is all done while the slow one is still pending, and the slow one gets everything', async () => {
    const slow = await startReceiver(() => ({ status: 200, delayMs: 3_000 }));
    const fast = await startReceiver(() => ({ status: 200 }));
    receivers.push(slow, fast);
    const slowSubscription = subscriptionFor(`${slow.url}/hook`);
    const fastSubscription = subscriptionFor(`${fast.url}/hook`);
    await harness.putSubscription(slowSubscription);
    await harness.putSubscription(fastSubscription);
    const slowTasks = Array.from({ length: 12 }, () => taskFor(slowSubscription));
    const fastTasks = Array.from({ length: 30 }, () => taskFor(fastSubscription));
    // Slow ones first, then interleaved: every fast task sits behind slow ones in the partition.
    const ordered = [
      ...slowTasks.slice(0, 6),
      ...fastTasks.flatMap((task, i) => [task, ...(slowTasks[6 + i] ? [slowTasks[6 + i]] : [])]),
    ];
    await harness.sendTasks(
      ordered.filter((task) => task !== undefined),
      'one-partition',
    );

    await fast.waitForRequests(30, 20_000);
    const slowDoneWhenFastDone = new Set(slow.requests.map((request) => request.headers['webhook-id'])).size;
    assert.ok(
      slowDoneWhenFastDone < 12,
      `the fast endpoint finished while the slow one was still pending (slow had received ${slowDoneWhenFastDone} of 12)`,
    );

    // The slow endpoint still gets every delivery, each exactly once, none counted as a retry.
    await waitFor(() => new Set(slow.requests.map((request) => request.headers['webhook-id'])).size >= 12, {
      timeoutMs: 90_000,
      description: 'all 12 slow deliveries',
    });
    const attempts = await attemptsOf(
      harness,
      12,
      slowTasks.map((task) => task.messageId),
    );
    assert.deepEqual(
      [...new Set(attempts.map((attempt) => `${attempt.outcome}/${attempt.attempt}`))],
      ['delivered/1'],
      'tasks moved aside are not attempts: each slow delivery is attempt 1, delivered',
    );
    assert.equal(slow.requests.length, 12, 'no delivery sent twice');
  });

  test('the breaker opens after repeated failures, sends nothing while open, and one probe closes it when the endpoint recovers', async () => {
    let healthy = false;
    const receiver = await startReceiver(() => ({ status: healthy ? 200 : 500 }));
    receivers.push(receiver);
    const subscription = subscriptionFor(`${receiver.url}/hook`);
    await harness.putSubscription(subscription);
    const failing = Array.from({ length: 3 }, () => taskFor(subscription));
    for (const task of failing) {
      await harness.sendTask(task);
      await receiver.waitForRequests(receiver.requests.length + 1);
    }
    // Three consecutive 500s: the breaker is open now. These are not sent at all.
    const blocked = Array.from({ length: 3 }, () => taskFor(subscription));
    await harness.sendTasks(blocked, 'breaker');
    await waitFor(
      async () =>
        /hookstream_worker_deliveries_total\{[^}]*outcome="circuit_open"[^}]*\} 3/.test(
          await (await fetch(`${harness.baseUrl()}/metrics`)).text(),
        ),
      { timeoutMs: 10_000, description: 'three circuit_open attempts' },
    );
    assert.equal(receiver.requests.length, 3, 'no request while the breaker is open');
    // The endpoint recovers; the breaker stays open until its time is up.
    healthy = true;
    const recoveredFrom = receiver.requests.length;
    const blockedAttempts = await attemptsOf(
      harness,
      3,
      blocked.map((task) => task.messageId),
    );
    assert.deepEqual(
      blockedAttempts.map((attempt) => [attempt.outcome, attempt.statusCode, attempt.attempt]),
      [
        ['circuit_open', null, 1],
        ['circuit_open', null, 1],
        ['circuit_open', null, 1],
      ],
    );

    // Their retries come back after about 5 s; the first is the probe, its 200 closes the breaker.
    const all = [...failing, ...blocked].map((task) => task.messageId);
    await waitFor(
      () =>
        all.every((id) =>
          receiver.requests.slice(recoveredFrom).some((request) => request.headers['webhook-id'] === id),
        ),
      { timeoutMs: 40_000, description: 'every task delivered after the endpoint recovered' },
    );
    const metrics = await (await fetch(`${harness.baseUrl()}/metrics`)).text();
    assert.match(
      metrics,
      /hookstream_worker_breaker_transitions_total\{[^}]*from="closed",to="open"[^}]*\} 1/,
    );
    assert.match(
      metrics,
      /hookstream_worker_breaker_transitions_total\{[^}]*from="half_open",to="closed"[^}]*\} 1/,
    );
  });

  test('bad endpoints are each bounded by the timeouts, recorded with a clear error, and slow no other endpoint', async () => {
    const healthy = await startReceiver(() => ({ status: 204 }));
    receivers.push(healthy);
    const redirectTarget = await startReceiver(() => ({ status: 200 }));
    receivers.push(redirectTarget);
    const endpoints = {
      hang: await hangingEndpoint(),
      reset: await resettingEndpoint(),
      trickle: await tricklingEndpoint(),
      huge: await hugeBodyEndpoint(),
      redirect: await redirectingEndpoint(`${redirectTarget.url}/elsewhere`),
    };
    bad.push(...Object.values(endpoints));
    const tasks: Record<string, ReturnType<typeof taskFor>> = {};
    for (const [name, endpoint] of Object.entries(endpoints)) {
      // The shortest whole-request limit a subscription may set: 1 s.
      const subscription = subscriptionFor(endpoint.url, { timeoutMs: 1_000 });
      await harness.putSubscription(subscription);
      tasks[name] = taskFor(subscription);
    }
    const healthySubscription = subscriptionFor(`${healthy.url}/hook`);
    await harness.putSubscription(healthySubscription);
    const healthyTasks = Array.from({ length: 10 }, () => taskFor(healthySubscription));
    await harness.sendTasks([...Object.values(tasks), ...healthyTasks], 'bad-endpoints');

    await healthy.waitForRequests(10, 20_000);
    const ids = Object.values(tasks).map((task) => task.messageId);
    const attempts = await attemptsOf(harness, ids.length, ids);
    const first = (name: string) =>
      attempts.find((attempt) => attempt.messageId === tasks[name]?.messageId && attempt.attempt === 1);

    assert.equal(first('hang')?.outcome, 'retry_scheduled');
    assert.equal(first('hang')?.error, 'timed out after 1000 ms');
    assert.equal(first('trickle')?.error, 'timed out after 1000 ms');
    assert.match(first('reset')?.error ?? '', /^network error: .*(ECONNRESET|socket|closed)/i);
    assert.equal(first('huge')?.outcome, 'delivered');
    assert.equal(first('huge')?.responseBody?.length, 1024, 'only the first KiB of a huge body is read');
    assert.equal(first('redirect')?.error, 'HTTP 302');
    assert.equal(redirectTarget.requests.length, 0, 'a redirect is never followed');
  });
});
