import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLivePostgres, parsePostmasterLock } from './lock-file.js';

const cases: Array<{ name: string; text: string; expected: ReturnType<typeof parsePostmasterLock> }> = [
  {
    name: 'a running server',
    text: '13066\n/data/cluster\n1796013415\n54329\n\n127.0.0.1\n  2148598         9\nready   \n',
    expected: { pid: 13066, port: 54329, status: 'ready' },
  },
  {
    name: 'a server still starting (no status line yet)',
    text: '77\n/data\n1\n5432\n\n*\n',
    expected: { pid: 77, port: 5432, status: '' },
  },
  { name: 'an empty file', text: '', expected: undefined },
  { name: 'no port line', text: '77\n/data\n', expected: undefined },
  { name: 'garbage', text: 'not a pid\nx\ny\nz\n', expected: undefined },
];

for (const { name, text, expected } of cases) {
  test(`postmaster.pid: ${name}`, () => assert.deepEqual(parsePostmasterLock(text), expected));
}

test('a pid that is not a PostgreSQL process does not hold a data folder', () => {
  assert.equal(isLivePostgres(process.pid), false, 'this node process is alive but not postgres');
  assert.equal(isLivePostgres(2 ** 22 + 1), false, 'above Linux pid_max: no such process');
});
