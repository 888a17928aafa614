import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBenchArgs, SCENARIOS } from './options.js';

describe('parseBenchArgs', () => {
  it('runs every scenario by default, with the full counts', () => {
    const options = parseBenchArgs([]);
    assert.deepEqual(options.scenarios, [...SCENARIOS]);
    assert.equal(options.burstEvents, 20_000);
    assert.equal(options.matchSubscriptions, 100_000);
  });

  it('--quick leaves out the crash scenario and shrinks the counts', () => {
    const options = parseBenchArgs(['--quick']);
    assert.ok(!options.scenarios.includes('crash'));
    assert.ok(options.burstEvents < 20_000);
  });

  it('--only keeps the scenarios named, in run order', () => {
    assert.deepEqual(parseBenchArgs(['--only', 'hol,raw']).scenarios, ['raw', 'hol']);
    assert.deepEqual(parseBenchArgs(['--quick', '--only', 'crash']).scenarios, ['crash']);
  });

  it('--events sets the bursts and a tenth of them for fan-out 10', () => {
    const options = parseBenchArgs(['--events', '5000']);
    assert.equal(options.burstEvents, 5000);
    assert.equal(options.fanoutEvents, 500);
  });

  const bad: Array<[string[], RegExp]> = [
    [['--only', 'raw,nope'], /unknown: nope/],
    [['--only'], /--only/],
    [['--events', '0'], /--events/],
    [['--events', '1e9'], /--events/],
    [['--seconds', 'ten'], /--seconds/],
    [['--frobnicate'], /unknown option "--frobnicate"/],
  ];
  for (const [argv, message] of bad) {
    it(`rejects ${argv.join(' ')} with a message naming the flag`, () =>
      assert.throws(() => parseBenchArgs(argv), message));
  }
});
