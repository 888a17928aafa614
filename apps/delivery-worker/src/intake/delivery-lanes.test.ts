import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeliveryLanes } from './delivery-lanes.js';

const lanes = (maxWaitMs = 20) =>
  new DeliveryLanes(
    { slots: { total: 4, perEndpoint: 1, perTenant: 4 }, queues: { perEndpoint: 2, total: 3 } },
    maxWaitMs,
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
