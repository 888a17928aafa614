import assert from 'node:assert/strict';
import { test } from 'node:test';
import { shutDown } from './shut-down.js';

test('a step that never finishes (a disconnect from a gone broker) is cut off and the rest still run', {
  timeout: 5_000,
}, async () => {
  const ran: string[] = [];
  const problems: string[] = [];
  const unfinished = await shutDown(
    [
      { name: 'commit', run: () => void ran.push('commit') },
      { name: 'consumer disconnect', run: () => new Promise<void>(() => {}) },
      { name: 'producer disconnect', run: () => Promise.reject(new Error('connection closed')) },
      { name: 'close pool', run: async () => void ran.push('close pool') },
    ],
    50,
    (step, problem) => problems.push(`${step}: ${problem}`),
  );
  assert.deepEqual(ran, ['commit', 'close pool']);
  assert.deepEqual(unfinished, ['consumer disconnect', 'producer disconnect']);
  assert.deepEqual(problems, [
    'consumer disconnect: did not finish within 50 ms',
    'producer disconnect: connection closed',
  ]);
});
