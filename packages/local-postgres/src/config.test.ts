import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadLocalPostgresEnv } from './config.js';

test('defaults: auto, port 54329, data in <data folder>/postgres, user hookstream-pg', () => {
  const env = loadLocalPostgresEnv({}, '/srv/hookstream/.data');
  assert.equal(env.HOOKSTREAM_EMBEDDED_PG, 'auto');
  assert.equal(env.HOOKSTREAM_PG_PORT, 54_329);
  assert.equal(env.dataDir, '/srv/hookstream/.data/postgres');
  assert.equal(env.HOOKSTREAM_PG_OS_USER, 'hookstream-pg');
  assert.equal(env.DATABASE_URL, undefined);
});

test('HOOKSTREAM_PG_DATA_DIR and HOOKSTREAM_PG_PORT override the defaults', () => {
  const env = loadLocalPostgresEnv({ HOOKSTREAM_PG_DATA_DIR: '/var/pg', HOOKSTREAM_PG_PORT: '6543' }, '/x');
  assert.equal(env.dataDir, '/var/pg');
  assert.equal(env.HOOKSTREAM_PG_PORT, 6543);
});

for (const [variable, value] of [
  ['HOOKSTREAM_PG_PORT', '70000'],
  ['HOOKSTREAM_PG_PORT', 'five'],
  ['HOOKSTREAM_EMBEDDED_PG', 'yes'],
  ['HOOKSTREAM_PG_OS_USER', 'Root User'],
  ['DATABASE_URL', 'mysql://db/x'],
] as const) {
  test(`${variable}=${value} is refused with a message naming ${variable}`, () => {
    assert.throws(
      () => loadLocalPostgresEnv({ [variable]: value }, '/x'),
      new RegExp(`^Error: invalid ${variable}:`),
    );
  });
}
