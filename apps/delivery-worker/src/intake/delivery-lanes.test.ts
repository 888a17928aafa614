import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeliveryLanes } from './delivery-lanes.js';

/** Lanes where every endpoint is slow (a request takes 10 s): over its share, it makes way. */
const lanes = (maxWaitMs = 20) =>
  new DeliveryLanes(
    { slots: { total: 4, perEndpoint: 1, perTenant: 4 }, queues: { perEndpoint: 2, total: 3 } },
    maxWaitMs,
    () => ({ ms: 10_000, answered: true }),
  );

test('a task within its share runs at once', async () => {
  assert.equal(await lanes().acquire('a', 't'), 'run');
});

test('a task over its share waits and runs when its endpoint frees a slot', async () => {
  const subject = lanes(10_000);
  await subject.acquire('a', 't');
  await subject.acquire('b', 't');
  const waiting = subject.acquire('a', 't');
  subject.release('a', 't');
  assert.equal(await waiting, 'run');
});

test('a task over its share that waits past the deadline is moved aside', async () => {
  const subject = lanes(20);
  await subject.acquire('a', 't');
  await subject.acquire('b', 't');
  assert.equal(await subject.acquire('a', 't'), 'defer');
  assert.equal(subject.queued, 0);
});

test("a full endpoint queue moves the task aside at once, and other endpoints' work still runs", async () => {
  const subject = lanes(10_000);
  await subject.acquire('a', 't');
  await subject.acquire('b', 't');
  const queued = [subject.acquire('a', 't'), subject.acquire('a', 't')];
  assert.equal(await subject.acquire('a', 't'), 'defer');
  assert.equal(await subject.acquire('c', 't'), 'run');
  subject.abandonAll();
  assert.deepEqual(await Promise.all(queued), ['abandon', 'abandon']);
  assert.equal(await subject.acquire('d', 't'), 'abandon', 'nothing starts once shutting down');
});

test('the total queue bound reports no room, and room comes back when a waiter leaves', async () => {
  const subject = lanes(30);
  await subject.acquire('a', 't');
  await subject.acquire('b', 't');
  await subject.acquire('c', 't');
  const waiting = [subject.acquire('a', 't'), subject.acquire('b', 't'), subject.acquire('c', 't')];
  assert.equal(subject.hasRoom, false);
  await subject.room(5_000);
  assert.equal(subject.hasRoom, true);
  assert.ok((await Promise.all(waiting)).every((admission) => admission === 'defer'));
});

test('a burst for a fast endpoint nobody competes with waits in memory instead of being moved aside', async () => {
  const fast = new DeliveryLanes(
    { slots: { total: 4, perEndpoint: 1, perTenant: 4 }, queues: { perEndpoint: 1, total: 10 } },
    20,
    () => ({ ms: 5, answered: true }), // 5 ms per request
  );
  await fast.acquire('a', 't');
  await fast.acquire('b', 't');
  const waiting = [fast.acquire('a', 't'), fast.acquire('a', 't'), fast.acquire('a', 't')];
  assert.equal(fast.queued, 3, 'past its queue bound of 1');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(fast.queued, 3, 'still waiting after the deadline');
  for (let i = 0; i < 3; i += 1) fast.release('a', 't');
  assert.deepEqual(await Promise.all(waiting), ['run', 'run', 'run']);
});

test('a fast endpoint over its share waits on while the instance has room, even when a slow one waits too', async () => {
  const subject = new DeliveryLanes(
    { slots: { total: 10, perEndpoint: 1, perTenant: 10 }, queues: { perEndpoint: 2, total: 10 } },
    20,
    (endpoint) => ({ ms: endpoint === 'slow' ? 10_000 : 5, answered: true }),
  );
  // Half the instance busy: nobody borrows any more.
  for (const endpoint of ['fast', 'slow', 'e1', 'e2', 'e3']) await subject.acquire(endpoint, 't');
  const slowWaits = subject.acquire('slow', 't');
  const fastWaits = subject.acquire('fast', 't');
  assert.equal(await slowWaits, 'defer', 'the slow one makes way');
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.equal(subject.queued, 1, 'the fast one still waits, past its deadline');
  subject.release('fast', 't');
  assert.equal(await fastWaits, 'run');
});

test('an endpoint that has not answered yet may not borrow past its share, even on an idle instance', async () => {
  const subject = new DeliveryLanes(
    { slots: { total: 10, perEndpoint: 1, perTenant: 10 }, queues: { perEndpoint: 5, total: 10 } },
    20,
    () => ({ ms: 0, answered: false }),
  );
  assert.equal(await subject.acquire('new', 't'), 'run');
  const second = subject.acquire('new', 't');
  assert.equal(subject.queued, 1, 'waits for its own slot instead of borrowing one of the nine idle');
  subject.release('new', 't');
  assert.equal(await second, 'run');
});
