import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnv } from '@hookstream/service-kit';
import { RouterEnv, routerTransactionalId } from './env.js';

const idOf = (vars: Record<string, string>) => routerTransactionalId(loadEnv(RouterEnv, vars), 'box1');

test('the default transactional id is stable across restarts: no process id in it', () => {
  assert.equal(idOf({}), 'hookstream.router-box1-0');
  assert.equal(idOf({}), idOf({}));
});

test('instances on one host differ by ROUTER_INSTANCE_ID, environments by topic prefix', () => {
  assert.equal(idOf({ ROUTER_INSTANCE_ID: '2' }), 'hookstream.router-box1-2');
  assert.equal(idOf({ HOOKSTREAM_TOPIC_PREFIX: 'staging.' }), 'staging.router-box1-0');
});

test('an explicit ROUTER_TRANSACTIONAL_ID wins', () => {
  assert.equal(idOf({ ROUTER_TRANSACTIONAL_ID: 'router-pod-3', ROUTER_INSTANCE_ID: '7' }), 'router-pod-3');
});

test('a session timeout under the broker floor and a bad instance id are refused by name', () => {
  assert.throws(() => loadEnv(RouterEnv, { KAFKA_SESSION_TIMEOUT_MS: '3000' }), /KAFKA_SESSION_TIMEOUT_MS/);
  assert.throws(() => loadEnv(RouterEnv, { ROUTER_INSTANCE_ID: 'a b' }), /ROUTER_INSTANCE_ID/);
});
