import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signWebhook } from '../signing/sign-webhook.js';
import { type AsyncReplayGuard, createMemoryReplayGuard, MemoryReplayGuard } from './replay-guard.js';
import { verifyWebhook, verifyWebhookAsync } from './verify-webhook.js';

describe('MemoryReplayGuard', () => {
  // Each step: [id, expiresAt, now, expected first-time?]
  const STEPS: readonly [string, number, number, boolean][] = [
    ['a', 100, 10, true], // first sight
    ['a', 100, 20, false], // replay inside the window
    ['b', 50, 20, true],
    ['a', 100, 100, false], // the expiry second itself is still inside the window
    ['a', 200, 101, true], // forgotten after it
    ['b', 60, 51, true],
  ];
  test('remembers ids until their expiry (table)', () => {
    const guard = new MemoryReplayGuard();
    for (const [id, expiresAt, now, expected] of STEPS) {
      assert.equal(guard.checkAndRemember(id, expiresAt, now), expected, `${id} at ${now}`);
    }
  });

  test('forgets the least recently seen id beyond maxEntries', () => {
    const guard = new MemoryReplayGuard({ maxEntries: 2 });
    guard.checkAndRemember('a', 100, 0);
    guard.checkAndRemember('b', 100, 0);
    assert.equal(guard.checkAndRemember('a', 100, 1), false); // a is now the most recent
    guard.checkAndRemember('c', 100, 1); // evicts b
    assert.equal(guard.size, 2);
    assert.equal(guard.checkAndRemember('a', 100, 2), false);
    assert.equal(guard.checkAndRemember('b', 100, 2), true);
  });

  test('sweeps expired ids so memory follows the window', () => {
    const guard = new MemoryReplayGuard();
    for (let i = 0; i < 20; i += 1) guard.checkAndRemember(`id${i}`, 10, 0);
    guard.checkAndRemember('late', 100, 50);
    assert.equal(guard.size, 1);
  });

  test('an id behind a longer-lived one is still judged by its own expiry', () => {
    // 'long' sits at the front of the sweep order and has not expired, so the sweep stops there
    // and 'short' is judged by the expiry check alone: replayed up to its expiry second, inclusive,
    // and a first sight after it.
    const guard = new MemoryReplayGuard();
    guard.checkAndRemember('long', 1000, 0);
    guard.checkAndRemember('short', 100, 0);
    assert.equal(guard.checkAndRemember('short', 100, 100), false, 'at its expiry second: a replay');
    assert.equal(guard.checkAndRemember('short', 200, 150), true, 'after its expiry: first sight again');
  });

  test('a replay never shortens how long an id is remembered', () => {
    const guard = new MemoryReplayGuard();
    guard.checkAndRemember('long', 1000, 0); // keeps the sweep away from 'a'
    guard.checkAndRemember('a', 500, 0);
    assert.equal(guard.checkAndRemember('a', 100, 10), false);
    assert.equal(guard.checkAndRemember('a', 500, 400), false, 'still remembered until 500');
  });

  test('sweeps at most 32 expired ids per call, so one call never stalls', () => {
    // README, "Replay guard": expired ids are swept 32 at a time.
    const guard = new MemoryReplayGuard();
    for (let i = 0; i < 40; i += 1) guard.checkAndRemember(`id${i}`, 10, 0);
    guard.checkAndRemember('late', 100, 50);
    assert.equal(guard.size, 40 - 32 + 1);
    guard.checkAndRemember('later', 100, 50);
    assert.equal(guard.size, 2, 'the next call sweeps the rest');
  });

  test('keeps exactly maxEntries ids', () => {
    const guard = new MemoryReplayGuard({ maxEntries: 3 });
    for (const id of ['a', 'b', 'c']) guard.checkAndRemember(id, 100, 0);
    assert.equal(guard.size, 3);
    assert.equal(guard.checkAndRemember('a', 100, 1), false, 'nothing was forgotten at the limit');
  });

  test('holds 100,000 ids by default', () => {
    // README: `maxEntries = 100_000`. One more than that forgets the least recently seen.
    const guard = new MemoryReplayGuard();
    for (let i = 0; i <= 100_000; i += 1) guard.checkAndRemember(`id${i}`, 100, 0);
    assert.equal(guard.size, 100_000);
    assert.equal(guard.checkAndRemember('id0', 100, 0), true, 'the oldest was forgotten');
    assert.equal(guard.checkAndRemember('id100000', 100, 0), false);
  });

  test('createMemoryReplayGuard builds the same guard with options', () => {
    const guard = createMemoryReplayGuard({ maxEntries: 1 });
    guard.checkAndRemember('a', 100, 0);
    guard.checkAndRemember('b', 100, 0);
    assert.equal(guard.size, 1);
  });

  test('rejects a maxEntries that is not a positive integer', () => {
    for (const maxEntries of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => new MemoryReplayGuard({ maxEntries }), RangeError, String(maxEntries));
    }
    assert.throws(() => new MemoryReplayGuard({ maxEntries: 0 }), {
      message: 'maxEntries must be a positive integer, got 0',
    });
    assert.equal(new MemoryReplayGuard({ maxEntries: 1 }).size, 0);
  });
});

describe('replay protection in verifyWebhook', () => {
  const secret = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
  const now = new Date(1_700_000_000_000);
  // Signed inside each test, so a fault in signing fails tests rather than the file's import.
  const genuine = () => signWebhook({ msgId: 'msg_1', timestamp: now, body: '{}', secrets: secret });
  const code = (r: ReturnType<typeof verifyWebhook>) => (r.ok ? 'ok' : r.error.code);

  test('a second delivery inside the window is replayed; after the window the clock rejects it', () => {
    const headers = genuine();
    const replayGuard = new MemoryReplayGuard();
    assert.equal(code(verifyWebhook('{}', headers, secret, { now, replayGuard })), 'ok');
    assert.equal(code(verifyWebhook('{}', headers, secret, { now, replayGuard })), 'replayed');
    const later = new Date(now.getTime() + 301_000);
    assert.equal(
      code(verifyWebhook('{}', headers, secret, { now: later, replayGuard })),
      'timestamp_out_of_tolerance',
    );
  });

  test('a forged request does not burn the genuine id', () => {
    const headers = genuine();
    const replayGuard = new MemoryReplayGuard();
    assert.equal(
      code(verifyWebhook('{"forged":1}', headers, secret, { now, replayGuard })),
      'no_matching_signature',
    );
    assert.equal(code(verifyWebhook('{}', headers, secret, { now, replayGuard })), 'ok');
  });

  test('the id is remembered until timestamp + tolerance', () => {
    const headers = genuine();
    const calls: [string, number, number][] = [];
    const replayGuard = {
      checkAndRemember: (id: string, exp: number, at: number) => {
        calls.push([id, exp, at]);
        return true;
      },
    };
    verifyWebhook('{}', headers, secret, { now, replayGuard, toleranceSeconds: 60 });
    assert.deepEqual(calls, [['msg_1', 1_700_000_060, 1_700_000_000]]);
  });

  test('an async guard works through verifyWebhookAsync, and a failing store fails closed', async () => {
    const headers = genuine();
    const seen = new Set<string>();
    const replayGuard: AsyncReplayGuard = {
      checkAndRemember: async (id) => {
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      },
    };
    assert.equal(code(await verifyWebhookAsync('{}', headers, secret, { now, replayGuard })), 'ok');
    assert.equal(code(await verifyWebhookAsync('{}', headers, secret, { now, replayGuard })), 'replayed');
    const broken: AsyncReplayGuard = {
      checkAndRemember: async () => Promise.reject(new Error('store down')),
    };
    assert.equal(
      code(await verifyWebhookAsync('{}', headers, secret, { now, replayGuard: broken })),
      'internal_error',
    );
  });

  test('verifyWebhookAsync without a guard verifies like verifyWebhook', async () => {
    const headers = genuine();
    const result = await verifyWebhookAsync('{}', headers, secret, { now });
    assert.deepEqual(result, verifyWebhook('{}', headers, secret, { now }));
    assert.equal(code(result), 'ok');
    assert.equal(
      code(await verifyWebhookAsync('{}', headers, secret, { now })),
      'ok',
      'no guard: no replay check',
    );
  });

  test('verifyWebhookAsync rejects a bad signature without asking the guard', async () => {
    const asked: string[] = [];
    const replayGuard: AsyncReplayGuard = {
      checkAndRemember: async (id) => {
        asked.push(id);
        return true;
      },
    };
    const result = await verifyWebhookAsync('{"forged":1}', genuine(), secret, { now, replayGuard });
    assert.equal(code(result), 'no_matching_signature');
    assert.deepEqual(asked, []);
  });

  test('verifyWebhookAsync hands the guard the id until timestamp + tolerance', async () => {
    const calls: [string, number, number][] = [];
    const replayGuard: AsyncReplayGuard = {
      checkAndRemember: async (id, exp, at) => {
        calls.push([id, exp, at]);
        return true;
      },
    };
    const later = new Date(now.getTime() + 10_500);
    await verifyWebhookAsync('{}', genuine(), secret, { now: later, replayGuard });
    // The default tolerance is 5 minutes (README); the id is remembered 300 s past its timestamp.
    assert.deepEqual(calls, [['msg_1', 1_700_000_300, 1_700_000_010]]);
  });

  test('verifyWebhook and verifyWebhookAsync never throw, even when the guard does', async () => {
    const throwing = {
      checkAndRemember: (): boolean => {
        throw new Error('guard exploded');
      },
    };
    const sync = verifyWebhook('{}', genuine(), secret, { now, replayGuard: throwing });
    assert.equal(code(sync), 'internal_error');
    assert.match(sync.ok ? '' : sync.error.message, /guard exploded/);
    const rejected = await verifyWebhookAsync('{}', genuine(), secret, { now, replayGuard: throwing });
    assert.equal(code(rejected), 'internal_error');
    const odd = await verifyWebhookAsync('{}', genuine(), secret, {
      now,
      replayGuard: { checkAndRemember: () => Promise.reject('not an Error') },
    });
    assert.match(odd.ok ? '' : odd.error.message, /not an Error/);
  });

  test('schemes without an id are not guarded: the same request verifies twice', () => {
    // README, "Replay guard": there is no stable id to remember for these schemes.
    const partner = 'partner-secret';
    const scheme = 'hmac-sha512-timestamp-hex';
    const headers = signWebhook({ msgId: 'msg_1', timestamp: now, body: '{}', secrets: partner, scheme });
    const replayGuard = new MemoryReplayGuard();
    for (let copy = 1; copy <= 2; copy += 1) {
      assert.equal(
        code(verifyWebhook('{}', headers, partner, { now, scheme, replayGuard })),
        'ok',
        `sync ${copy}`,
      );
    }
    return (async () => {
      for (let copy = 1; copy <= 2; copy += 1) {
        const result = await verifyWebhookAsync('{}', headers, partner, { now, scheme, replayGuard });
        assert.equal(code(result), 'ok', `async ${copy}`);
      }
      assert.equal(replayGuard.size, 0);
    })();
  });

  test('a replayed message names its id', () => {
    const headers = genuine();
    const replayGuard = new MemoryReplayGuard();
    verifyWebhook('{}', headers, secret, { now, replayGuard });
    const again = verifyWebhook('{}', headers, secret, { now, replayGuard });
    assert.match(again.ok ? '' : again.error.message, /msg_1/);
  });
});
