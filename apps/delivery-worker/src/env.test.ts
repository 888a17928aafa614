import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnv } from '@hookstream/service-kit';
import { WorkerEnv, workerTransactionalId } from './env.js';

const idOf = (vars: Record<string, string>) => workerTransactionalId(loadEnv(WorkerEnv, vars), 'box1');

test('the default transactional id is stable across restarts: no process id in it', () => {
  assert.equal(idOf({}), 'hookstream.delivery-worker-box1-0');
  assert.equal(idOf({}), idOf({}));
  assert.ok(!idOf({}).includes(String(process.pid)));
});

test('workers on one host differ by WORKER_INSTANCE_ID, environments by topic prefix', () => {
  assert.equal(idOf({ WORKER_INSTANCE_ID: '2' }), 'hookstream.delivery-worker-box1-2');
  assert.equal(idOf({ HOOKSTREAM_TOPIC_PREFIX: 'staging.' }), 'staging.delivery-worker-box1-0');
});

test('an explicit WORKER_TRANSACTIONAL_ID wins', () => {
  assert.equal(idOf({ WORKER_TRANSACTIONAL_ID: 'worker-pod-3', WORKER_INSTANCE_ID: '7' }), 'worker-pod-3');
});

test('a bad instance id is refused by name', () => {
  assert.throws(() => loadEnv(WorkerEnv, { WORKER_INSTANCE_ID: 'a b' }), /WORKER_INSTANCE_ID/);
  assert.throws(() => loadEnv(WorkerEnv, { WORKER_TRANSACTIONAL_ID: '' }), /WORKER_TRANSACTIONAL_ID/);
});
