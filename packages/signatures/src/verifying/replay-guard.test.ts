import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { signWebhook } from '../signing/sign-webhook.js';
import { type AsyncReplayGuard, MemoryReplayGuard } from './replay-guard.js';
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

  test('rejects a non-positive maxEntries', () => {
    assert.throws(() => new MemoryReplayGuard({ maxEntries: 0 }), RangeError);
  });
});

describe('replay protection in verifyWebhook', () => {
  const secret = 'whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
  const now = new Date(1_700_000_000_000);
  const headers = signWebhook({ msgId: 'msg_1', timestamp: now, body: '{}', secrets: secret });
  const code = (r: ReturnType<typeof verifyWebhook>) => (r.ok ? 'ok' : r.error.code);

  test('a second delivery inside the window is replayed; after the window the clock rejects it', () => {
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
    const replayGuard = new MemoryReplayGuard();
    assert.equal(
      code(verifyWebhook('{"forged":1}', headers, secret, { now, replayGuard })),
      'no_matching_signature',
    );
    assert.equal(code(verifyWebhook('{}', headers, secret, { now, replayGuard })), 'ok');
  });

  test('the id is remembered until timestamp + tolerance', () => {
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
});
