import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeferralPlanner } from './deferral-planner.js';

function planner() {
  const clock = { now: 0 };
  const subject = new DeferralPlanner(
    { minDelayMs: 2_000, slotsPerEndpoint: 10, unknownPaceMs: 10_000 },
    () => clock.now,
  );
  /** One finished request of `durationMs` to `endpoint`. */
  const request = (endpoint: string, durationMs: number) => {
    const done = subject.started(endpoint);
    clock.now += durationMs;
    done();
  };
  return { subject, clock, request };
}

test('an endpoint never seen is assumed to take the default timeout: 10 s ÷ 10 slots apart', () => {
  const { subject } = planner();
  assert.deepEqual([subject.delayFor('a'), subject.delayFor('a')], [2_000, 3_000]);
});

test('a 10 s endpoint with 10 slots takes one task a second: moved-aside tasks are spaced a second apart', () => {
  const { subject, clock, request } = planner();
  request('slow', 10_000);
  const now = clock.now;
  assert.deepEqual(
    [subject.delayFor('slow'), subject.delayFor('slow'), subject.delayFor('slow')].map((delay) => delay),
    [2_000, 3_000, 4_000],
  );
  assert.equal(clock.now, now);
});

test('a fast endpoint is spaced by its own pace, not by a slow one', () => {
  const { subject, request } = planner();
  request('slow', 10_000);
  request('fast', 10);
  subject.delayFor('slow');
  subject.delayFor('slow');
  assert.equal(subject.delayFor('fast'), 2_000);
});

test('an endpoint that has not answered yet shows its slowness by the age of its oldest request', () => {
  const { subject, clock } = planner();
  clock.now = 60_000; // the request starts a minute into the clock, not at its zero
  subject.started('silent');
  assert.equal(subject.paceOf('silent'), 0);
  clock.now += 1_500;
  assert.equal(subject.paceOf('silent'), 1_500);
});

test('a finished request leaves the average, not its age, as the pace', () => {
  const { subject, request } = planner();
  request('a', 100);
  assert.equal(subject.paceOf('a'), 100);
  request('a', 200);
  assert.equal(subject.paceOf('a'), 120);
});

test('the spacing never goes past the longest retry tier (6 h)', () => {
  const { subject, request } = planner();
  request('dead', 30_000);
  let last = 0;
  for (let i = 0; i < 10_000; i += 1) last = subject.delayFor('dead');
  assert.equal(last, 21_600_000);
});

test('an endpoint never seen has no pace and has not answered', () => {
  const { subject } = planner();
  assert.equal(subject.paceOf('never'), undefined);
  assert.equal(subject.hasAnswered('never'), false);
});

test('an endpoint has answered once one of its requests finished, not while the first is in flight', () => {
  const { subject, clock } = planner();
  const done = subject.started('a');
  clock.now += 50;
  assert.equal(subject.hasAnswered('a'), false);
  done();
  assert.equal(subject.hasAnswered('a'), true);
});

test('beyond 10,000 endpoints the oldest one with nothing in flight is forgotten, and only that one', () => {
  const { subject, request } = planner();
  subject.started('busy'); // never ends: in flight the whole time
  request('idle', 100);
  for (let i = 0; i < 9_998; i += 1) subject.delayFor(`other-${i}`);
  // 10,000 endpoints remembered; one more makes room by forgetting 'idle', not 'busy'.
  subject.delayFor('newcomer');
  assert.equal(subject.hasAnswered('idle'), false);
  assert.equal(subject.paceOf('idle'), undefined);
  assert.notEqual(subject.paceOf('busy'), undefined);
  // 'other-0' is still remembered: its next task is spaced after the one moved aside before.
  assert.equal(subject.delayFor('other-0'), 3_000);
});
