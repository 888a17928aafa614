import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EndpointQueues } from './endpoint-queues.js';

test('an endpoint queue takes items up to its bound, then refuses', () => {
  const queues = new EndpointQueues<string>({ perEndpoint: 2, total: 10 });
  assert.equal(queues.offer('a', 'a1'), true);
  assert.equal(queues.offer('a', 'a2'), true);
  assert.equal(queues.offer('a', 'a3'), false, 'a is full');
  assert.equal(queues.offer('b', 'b1'), true, 'b has its own bound');
  assert.equal(queues.size, 3);
});

test('the total bound holds across endpoints', () => {
  const queues = new EndpointQueues<string>({ perEndpoint: 5, total: 2 });
  queues.offer('a', 'a1');
  queues.offer('b', 'b1');
  assert.equal(queues.isFull, true);
  assert.equal(queues.offer('c', 'c1'), false);
});

test('endpoints are served round-robin, each in FIFO order', () => {
  const queues = new EndpointQueues<string>({ perEndpoint: 5, total: 10 });
  for (const item of ['a1', 'a2', 'a3']) queues.offer('a', item);
  for (const item of ['b1', 'b2']) queues.offer('b', item);
  const order: string[] = [];
  for (let next = queues.takeNext(() => true); next; next = queues.takeNext(() => true)) {
    order.push(next.item);
  }
  assert.deepEqual(order, ['a1', 'b1', 'a2', 'b2', 'a3']);
  assert.equal(queues.size, 0);
});

test('an endpoint that may not start is skipped, not blocking the others', () => {
  const queues = new EndpointQueues<string>({ perEndpoint: 5, total: 10 });
  queues.offer('slow', 's1');
  queues.offer('fast', 'f1');
  const next = queues.takeNext((endpoint) => endpoint !== 'slow');
  assert.deepEqual(next, { endpoint: 'fast', item: 'f1' });
  assert.equal(
    queues.takeNext((endpoint) => endpoint !== 'slow'),
    undefined,
  );
  assert.equal(queues.sizeOf('slow'), 1);
});

test('a removed item frees its place', () => {
  const queues = new EndpointQueues<string>({ perEndpoint: 1, total: 10 });
  queues.offer('a', 'a1');
  assert.equal(queues.remove('a', 'a1'), true);
  assert.equal(queues.remove('a', 'a1'), false);
  assert.equal(queues.offer('a', 'a2'), true);
});

test('clear hands back everything that waited', () => {
  const queues = new EndpointQueues<string>({ perEndpoint: 5, total: 10 });
  queues.offer('a', 'a1');
  queues.offer('b', 'b1');
  assert.deepEqual(queues.clear().sort(), ['a1', 'b1']);
  assert.equal(queues.size, 0);
});

test('an item offered past the bounds is kept, and the queues then report full', () => {
  const queues = new EndpointQueues<string>({ perEndpoint: 1, total: 2 });
  queues.offer('a', 'a1');
  assert.equal(queues.offer('a', 'a2'), false);
  assert.equal(queues.offer('a', 'a2', true), true);
  assert.equal(queues.offer('a', 'a3', true), true);
  assert.equal(queues.isFull, true);
  assert.equal(queues.offer('b', 'b1'), false);
});
