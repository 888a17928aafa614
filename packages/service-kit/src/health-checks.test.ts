import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HealthChecks } from './health-checks.js';
import { Liveness } from './liveness.js';

const cases: Array<[name: string, checks: Record<string, () => boolean | Promise<boolean>>, ok: boolean]> = [
  ['no checks is healthy', {}, true],
  ['every check true is healthy', { a: () => true, b: async () => true }, true],
  ['one false check fails the whole', { a: () => true, b: () => false }, false],
  ['a check that rejects counts as failing', { a: async () => Promise.reject(new Error('down')) }, false],
  [
    'a check that throws counts as failing',
    {
      a: () => {
        throw new Error('down');
      },
    },
    false,
  ],
];
for (const [name, checks, ok] of cases) {
  test(name, async () => {
    const registry = new HealthChecks();
    for (const [checkName, check] of Object.entries(checks)) registry.register(checkName, check);
    const report = await registry.run();
    assert.equal(report.ok, ok);
    assert.deepEqual(Object.keys(report.checks), Object.keys(checks));
  });
}

test('liveness names the failing check and turns live again when it passes', async () => {
  const liveness = new Liveness();
  let crashed = true;
  liveness.register('consumer:router', () => !crashed);
  assert.deepEqual(await liveness.report(), { live: false, checks: { 'consumer:router': false } });
  crashed = false;
  assert.deepEqual(await liveness.report(), { live: true, checks: { 'consumer:router': true } });
});
