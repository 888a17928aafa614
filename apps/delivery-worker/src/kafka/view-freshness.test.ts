import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ViewFreshness } from './view-freshness.js';

/** A clock the test moves by hand, in ms, and a catch-up whose calls it counts and resolves. */
function fixture() {
  let now = 1_000;
  const pending: Array<(value: boolean) => void> = [];
  const freshness = new ViewFreshness(
    () => new Promise<boolean>((resolve) => pending.push(resolve)),
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
  const freshness = new ViewFreshness(() => Promise.reject(new Error('broker gone')));
  assert.equal(await freshness.ensureFreshSince(Date.now()), false);
});
