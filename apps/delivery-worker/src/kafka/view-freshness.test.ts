import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ViewFreshness } from './view-freshness.js';

/**
 * A clock the test moves by hand, in ms, and a catch-up whose calls it counts and resolves;
 * checks are refreshed ahead at `refreshAheadMs` (half the 250-ms window the tests use).
 */
function fixture(refreshAheadMs = 125) {
  let now = 1_000;
  const pending: Array<(value: boolean) => void> = [];
  const freshness = new ViewFreshness(
    () => new Promise<boolean>((resolve) => pending.push(resolve)),
    refreshAheadMs,
    () => now,
  );
  return {
    freshness,
    pending,
    advance: (ms: number) => {
      now += ms;
    },
    get now() {
      return now;
    },
  };
}

test('the first delivery starts a catch-up check and waits for it', async () => {
  const f = fixture();
  const ready = f.freshness.ensureFreshSince(f.now - 250);
  assert.equal(f.pending.length, 1);
  f.pending[0]?.(true);
  assert.equal(await ready, true);
});

test('deliveries whose instant is covered by a running check share it', async () => {
  const f = fixture();
  const first = f.freshness.ensureFreshSince(f.now - 250);
  f.advance(10);
  const second = f.freshness.ensureFreshSince(f.now - 250);
  assert.equal(f.pending.length, 1, 'one check for both');
  f.pending[0]?.(true);
  assert.deepEqual(await Promise.all([first, second]), [true, true]);
});

test('a task created after the last check started needs a new check (a change written before it must be seen)', () => {
  const f = fixture();
  void f.freshness.ensureFreshSince(f.now - 250);
  f.advance(5);
  const createdAt = f.now;
  f.advance(5);
  void f.freshness.ensureFreshSince(createdAt);
  assert.equal(f.pending.length, 2);
});

test('a check older than the staleness window is not reused', () => {
  const f = fixture();
  void f.freshness.ensureFreshSince(f.now - 250);
  f.advance(251);
  void f.freshness.ensureFreshSince(f.now - 250);
  assert.equal(f.pending.length, 2);
});

test('a failing check reports false instead of rejecting', async () => {
  const freshness = new ViewFreshness(() => Promise.reject(new Error('broker gone')), 125);
  assert.equal(await freshness.ensureFreshSince(Date.now()), false);
});

/** Resolves with 'waiting' if `promise` has not settled by the next turn of the event loop. */
async function settledNow<T>(promise: Promise<T>): Promise<T | 'waiting'> {
  return Promise.race([promise, new Promise<'waiting'>((resolve) => setImmediate(() => resolve('waiting')))]);
}

test('with refresh ahead, a delivery covered by a finished check does not wait', async () => {
  const f = fixture(125);
  const first = f.freshness.ensureFreshSince(f.now - 250);
  f.pending[0]?.(true);
  assert.equal(await first, true);
  f.advance(100);
  assert.equal(await settledNow(f.freshness.ensureFreshSince(f.now - 250)), true);
  assert.equal(f.pending.length, 1, 'no new check while the last one is younger than 125 ms');
});

test('with refresh ahead, the next check starts in the background once the last is old', async () => {
  const f = fixture(125);
  const first = f.freshness.ensureFreshSince(f.now - 250);
  f.pending[0]?.(true);
  await first;
  f.advance(130);
  // Still covered by the check 130 ms ago: answered at once, and a new check is under way.
  assert.equal(await settledNow(f.freshness.ensureFreshSince(f.now - 250)), true);
  assert.equal(f.pending.length, 2);
  // Only one background check at a time.
  assert.equal(await settledNow(f.freshness.ensureFreshSince(f.now - 250)), true);
  assert.equal(f.pending.length, 2);
  f.pending[1]?.(true);
  await Promise.resolve();
  f.advance(200);
  // 330 ms after the first check, 200 ms after the second: the second covers the window.
  assert.equal(await settledNow(f.freshness.ensureFreshSince(f.now - 250)), true);
});

test('with refresh ahead, an instant after every finished check still waits for a new one', async () => {
  const f = fixture(125);
  const first = f.freshness.ensureFreshSince(f.now - 250);
  f.pending[0]?.(true);
  await first;
  f.advance(10);
  const waiting = f.freshness.ensureFreshSince(f.now);
  assert.equal(await settledNow(waiting), 'waiting');
  assert.equal(f.pending.length, 2);
  f.pending[1]?.(true);
  assert.equal(await waiting, true);
});

test('with refresh ahead, a check that found the view behind vouches for nothing', async () => {
  const f = fixture(125);
  const first = f.freshness.ensureFreshSince(f.now - 250);
  f.pending[0]?.(false);
  assert.equal(await first, false);
  f.advance(10);
  // The failed check is still the latest started within the window: it is shared as it is.
  assert.equal(await f.freshness.ensureFreshSince(f.now - 250), false);
  f.advance(300);
  const next = f.freshness.ensureFreshSince(f.now - 250);
  assert.equal(await settledNow(next), 'waiting', 'no finished check covers the instant');
  f.pending[1]?.(true);
  assert.equal(await next, true);
});
