import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatVersionNum, versionProblem } from './server-version.js';

for (const [num, text] of [
  [180004, '18.4'],
  [150020, '15.20'],
  [140000, '14.0'],
  [90624, '9.6.24'],
] as const) {
  test(`server_version_num ${num} reads ${text}`, () => assert.equal(formatVersionNum(num), text));
}

test('PostgreSQL 14 and newer are accepted', () => {
  for (const num of [140000, 150020, 180004]) assert.equal(versionProblem(num, 'x'), undefined);
});

test('an older server is a one-line error naming the version, the minimum and what to do', () => {
  const problem = versionProblem(130_015, 'postgres://postgres@db:5432/hookstream');
  assert.equal(
    problem,
    'the PostgreSQL server at postgres://postgres@db:5432/hookstream is version 13.15; Hookstream needs 14 or newer: upgrade it, or unset DATABASE_URL to use the embedded PostgreSQL 18',
  );
  assert.match(versionProblem(90_624, 'x') ?? '', /version 9\.6\.24/);
});
