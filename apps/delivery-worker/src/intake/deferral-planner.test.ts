import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeferralPlanner } from './deferral-planner.js';

const planner = (now = 0) => new DeferralPlanner({ minDelayMs: 2_000, slotsPerEndpoint: 10 }, () => now);

test('an endpoint of unknown pace gets the minimum delay', () => {
  assert.equal(planner().delayFor('a'), 2_000);
});

test('a 10 s endpoint with 10 slots takes one task a second: moved-aside tasks are spaced a second apart', () => {
  const subject = planner();
  subject.observe('slow', 10_000);
  assert.deepEqual(
    [subject.delayFor('slow'), subject.delayFor('slow'), subject.delayFor('slow')],
    [2_000, 3_000, 4_000],
  );
});

test('a fast endpoint is spaced by its own pace, not by a slow one', () => {
  const subject = planner();
  subject.observe('slow', 10_000);
  subject.observe('fast', 10);
  subject.delayFor('slow');
  subject.delayFor('slow');
  assert.equal(subject.delayFor('fast'), 2_000);
});

test('the spacing never goes past the longest retry tier (6 h)', () => {
  const subject = planner();
  subject.observe('dead', 30_000);
  let last = 0;
  for (let i = 0; i < 10_000; i += 1) last = subject.delayFor('dead');
  assert.equal(last, 21_600_000);
});
