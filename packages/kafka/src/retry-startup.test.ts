import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryStartup } from './retry-startup.js';

const retriable = () => Object.assign(new Error('leader moving'), { retriable: true });

test('retries retriable failures until the step succeeds', async () => {
  let calls = 0;
  const retried: number[] = [];
  const result = await retryStartup(
    'connect',
    async () => {
      calls += 1;
      if (calls < 3) throw retriable();
      return 'connected';
    },
    { onRetry: (_what, _error, attempt) => retried.push(attempt) },
  );
  assert.equal(result, 'connected');
  assert.deepEqual(retried, [1, 2]);
});

test('a non-retriable failure is thrown at once', async () => {
  let calls = 0;
  await assert.rejects(
    retryStartup('connect', async () => {
      calls += 1;
      throw new Error('SASL authentication failed');
    }),
    /SASL/,
  );
  assert.equal(calls, 1);
});

test('gives up at the deadline with the last error', async () => {
  const started = Date.now();
  await assert.rejects(
    retryStartup(
      'connect',
      async () => {
        throw retriable();
      },
      { timeoutMs: 600 },
    ),
    /leader moving/,
  );
  assert.ok(Date.now() - started < 2_000, 'bounded by the deadline');
});
