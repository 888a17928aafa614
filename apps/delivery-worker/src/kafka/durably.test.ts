import assert from 'node:assert/strict';
import { test } from 'node:test';
import kafkajs from 'kafkajs';
import { durably, isPermanentKafkaError } from './durably.js';

// kafkajs is CommonJS: its error classes are reached through the default export.
const { KafkaJSError, KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } =
  kafkajs;

const protocolError = (type: string, retriable: boolean) =>
  new KafkaJSProtocolError({ message: type, type, code: 0, retriable } as never);

const cases: Array<[string, unknown, boolean]> = [
  ['MESSAGE_TOO_LARGE is permanent', protocolError('MESSAGE_TOO_LARGE', false), true],
  ['TOPIC_AUTHORIZATION_FAILED is permanent', protocolError('TOPIC_AUTHORIZATION_FAILED', false), true],
  ['a leader move is transient', protocolError('NOT_LEADER_FOR_PARTITION', true), false],
  [
    'retries used up on a transient cause stay transient',
    new KafkaJSNumberOfRetriesExceeded(protocolError('NOT_LEADER_FOR_PARTITION', true), {
      retryCount: 5,
      retryTime: 100,
    } as never),
    false,
  ],
  [
    'retries used up on a permanent cause are permanent',
    new KafkaJSNumberOfRetriesExceeded(protocolError('MESSAGE_TOO_LARGE', false), {
      retryCount: 0,
      retryTime: 0,
    } as never),
    true,
  ],
  ['a connection error is transient', new KafkaJSError('Connection error: ECONNREFUSED'), false],
  [
    'a non-retriable error without a broker code is treated as transient',
    new KafkaJSNonRetriableError('x'),
    false,
  ],
  ['an error from elsewhere is transient', new Error('boom'), false],
];
for (const [name, error, expected] of cases) {
  test(name, () => assert.equal(isPermanentKafkaError(error), expected));
}

test('a permanent error ends the loop with failed instead of retrying forever', {
  timeout: 5_000,
}, async () => {
  let calls = 0;
  const result = await durably(
    async () => {
      calls += 1;
      throw protocolError('MESSAGE_TOO_LARGE', false);
    },
    { isStopping: () => false, onRetry: () => {}, retryMs: 1 },
  );
  assert.equal(result.kind, 'failed');
  assert.equal(calls, 1);
});

test('a transient error is retried until it succeeds', async () => {
  let calls = 0;
  const result = await durably(
    async () => {
      calls += 1;
      if (calls < 3) throw new KafkaJSError('Connection error');
    },
    { isStopping: () => false, onRetry: () => {}, retryMs: 1 },
  );
  assert.deepEqual(result, { kind: 'done' });
  assert.equal(calls, 3);
});

test('shutdown stops the retrying without claiming durability', async () => {
  let stopping = false;
  const result = await durably(
    async () => {
      stopping = true;
      throw new KafkaJSError('Connection error');
    },
    { isStopping: () => stopping, onRetry: () => {}, retryMs: 1 },
  );
  assert.deepEqual(result, { kind: 'stopped' });
});
