import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { EncryptionEnv, keyringFromEnv } from './encryption-env.js';

const b64 = () => randomBytes(32).toString('base64');
const keyA = b64();
const keyB = b64();

function load(vars: Record<string, string>, mode: 'production' | 'development') {
  const parsed = EncryptionEnv.safeParse(vars);
  if (!parsed.success)
    return { parseErrors: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) };
  return { result: keyringFromEnv(parsed.data, mode) };
}

describe('keyringFromEnv', () => {
  it('takes several keys and the active one', () => {
    const { result } = load(
      { HOOKSTREAM_ENCRYPTION_KEYS: `k1:${keyA}, k2:${keyB}`, HOOKSTREAM_ENCRYPTION_ACTIVE_KEY: 'k2' },
      'production',
    );
    assert.ok(result?.ok);
    if (result?.ok) {
      assert.deepEqual(result.keyring.ids, ['k1', 'k2']);
      assert.equal(result.keyring.activeKeyId, 'k2');
    }
  });

  it('makes a single key active without naming it', () => {
    const { result } = load({ HOOKSTREAM_ENCRYPTION_KEYS: `only:${keyA}` }, 'production');
    assert.ok(result?.ok && result.keyring.activeKeyId === 'only');
  });

  it('uses the public development key only in development', () => {
    const dev = load({}, 'development').result;
    assert.ok(dev?.ok && dev.development);
    const prod = load({}, 'production').result;
    assert.ok(prod && !prod.ok);
    if (prod && !prod.ok) assert.match(prod.problems.join(), /^HOOKSTREAM_ENCRYPTION_KEYS: required/);
  });

  const refused: ReadonlyArray<readonly [string, Record<string, string>, RegExp]> = [
    [
      'a key of 16 bytes',
      { HOOKSTREAM_ENCRYPTION_KEYS: `k1:${randomBytes(16).toString('base64')}` },
      /HOOKSTREAM_ENCRYPTION_KEYS: key "k1" must be 32 bytes/,
    ],
    ['no id', { HOOKSTREAM_ENCRYPTION_KEYS: keyA }, /HOOKSTREAM_ENCRYPTION_KEYS: each entry/],
    [
      'an id with a dot',
      { HOOKSTREAM_ENCRYPTION_KEYS: `k.1:${keyA}` },
      /HOOKSTREAM_ENCRYPTION_KEYS: each entry/,
    ],
    ['not base64', { HOOKSTREAM_ENCRYPTION_KEYS: `k1:${'%'.repeat(44)}` }, /must be 32 bytes/],
    [
      'an unknown active key',
      { HOOKSTREAM_ENCRYPTION_KEYS: `k1:${keyA}`, HOOKSTREAM_ENCRYPTION_ACTIVE_KEY: 'k2' },
      /HOOKSTREAM_ENCRYPTION_ACTIVE_KEY: "k2" is not among/,
    ],
    [
      'two keys, none active',
      { HOOKSTREAM_ENCRYPTION_KEYS: `k1:${keyA},k2:${keyB}` },
      /HOOKSTREAM_ENCRYPTION_ACTIVE_KEY: required/,
    ],
    [
      'a repeated id',
      { HOOKSTREAM_ENCRYPTION_KEYS: `k1:${keyA},k1:${keyB}`, HOOKSTREAM_ENCRYPTION_ACTIVE_KEY: 'k1' },
      /appears twice/,
    ],
  ];
  for (const [why, vars, expected] of refused) {
    it(`refuses ${why}, naming the variable and never the key`, () => {
      const { parseErrors, result } = load(vars, 'production');
      const problems = parseErrors ?? (result && !result.ok ? result.problems : []);
      assert.match(problems.join('\n'), expected);
      for (const key of [keyA, keyB]) assert.ok(!problems.join('\n').includes(key));
    });
  }
});
