import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { activeSecrets, isSecretsInput, rotateSecrets, type SigningSecret } from './rotation.js';

const T = Date.UTC(2026, 10, 22, 10, 0, 0);
const at = (offsetSeconds: number) => new Date(T + offsetSeconds * 1000);
/** The documented default overlap (README, "Key rotation"): 24 hours, written out, not imported. */
const DAY_SECONDS = 24 * 60 * 60;

describe('activeSecrets', () => {
  const CASES: readonly [string, Parameters<typeof activeSecrets>[0], string[]][] = [
    ['one string', 'a', ['a']],
    ['empty list', [], []],
    ['strings: later in the list is newer', ['a', 'b', 'c'], ['c', 'b', 'a']],
    ['an expired one is dropped', [{ value: 'a', expiresAt: at(0) }, 'b'], ['b']],
    ['expiry is exclusive: at the instant it is gone', [{ value: 'a', expiresAt: at(0) }], []],
    ['not yet expired stays', [{ value: 'a', expiresAt: at(1) }], ['a']],
    ['null expiry never expires', [{ value: 'a', expiresAt: null }], ['a']],
    [
      'createdAt decides, whatever the order',
      [
        { value: 'new', createdAt: at(-10) },
        { value: 'old', createdAt: at(-100) },
      ],
      ['new', 'old'],
    ],
    [
      'no createdAt is older than any createdAt',
      [{ value: 'dated', createdAt: at(-100) }, 'undated'],
      ['dated', 'undated'],
    ],
  ];
  for (const [name, input, expected] of CASES) {
    test(name, () =>
      assert.deepEqual(
        activeSecrets(input, T).map((s) => s.value),
        expected,
      ),
    );
  }
});

describe('rotateSecrets', () => {
  test('the new secret leads; the old ones expire after the default 24 h overlap', () => {
    const rotated = rotateSecrets([{ value: 'old', createdAt: at(-1000) }], 'new', { now: at(0) });
    assert.deepEqual(rotated, [
      { value: 'new', createdAt: at(0), expiresAt: null },
      { value: 'old', createdAt: at(-1000), expiresAt: at(DAY_SECONDS) },
    ]);
  });

  test('by default the replaced secret still works 1 ms before 24 h have passed, and not at 24 h', () => {
    const rotated = rotateSecrets([{ value: 'old' }], 'new', { now: at(0) });
    const activeAt = (ms: number) => activeSecrets(rotated, ms).map((s) => s.value);
    assert.deepEqual(activeAt(at(DAY_SECONDS).getTime() - 1), ['new', 'old']);
    assert.deepEqual(activeAt(at(DAY_SECONDS).getTime()), ['new']);
  });

  test('a secret that would outlive the overlap is cut to the overlap end', () => {
    const rotated = rotateSecrets([{ value: 'long', expiresAt: at(2 * DAY_SECONDS) }], 'new', {
      now: at(0),
      overlapSeconds: 3600,
    });
    assert.deepEqual(
      rotated.map((s) => [s.value, s.expiresAt?.getTime() ?? null]),
      [
        ['new', null],
        ['long', at(3600).getTime()],
      ],
    );
  });

  test('an earlier expiry is kept; expired secrets and a repeat of the new one are dropped', () => {
    const current: SigningSecret[] = [
      { value: 'soon', expiresAt: at(60) },
      { value: 'gone', expiresAt: at(-1) },
      { value: 'new' },
    ];
    const rotated = rotateSecrets(current, 'new', { now: at(0), overlapSeconds: 3600 });
    assert.deepEqual(
      rotated.map((s) => [s.value, s.expiresAt?.getTime() ?? null]),
      [
        ['new', null],
        ['soon', at(60).getTime()],
      ],
    );
  });

  test('overlap 0 revokes the old secrets at once', () => {
    assert.deepEqual(
      rotateSecrets([{ value: 'old' }], 'new', { now: at(0), overlapSeconds: 0 }).map((s) => s.value),
      ['new'],
    );
  });

  test('refuses a negative overlap', () => {
    assert.throws(() => rotateSecrets([], 'new', { overlapSeconds: -1 }), {
      name: 'RangeError',
      message: 'overlapSeconds must be a finite number >= 0, got -1',
    });
  });
});

describe('isSecretsInput', () => {
  const CASES: readonly [unknown, boolean][] = [
    ['a', true],
    [[], true],
    [['a', { value: 'b', expiresAt: null, createdAt: new Date() }], true],
    [[{ value: 1 }], false],
    [[{ value: 'a', expiresAt: '2026-01-01' }], false],
    [null, false],
    [{ value: 'a' }, false],
  ];
  for (const [value, expected] of CASES) {
    test(`${JSON.stringify(value)} → ${expected}`, () => assert.equal(isSecretsInput(value), expected));
  }
});
