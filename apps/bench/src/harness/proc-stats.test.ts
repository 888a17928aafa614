import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { cpuSecondsBetween, cpuSecondsByComm } from './proc-stats.js';

describe('cpuSecondsBetween', () => {
  const cases: Array<{
    name: string;
    start: Array<[number, number]>;
    end: Array<[number, number]>;
    expected: number;
  }> = [
    { name: 'nothing running', start: [], end: [], expected: 0 },
    {
      name: 'the same processes',
      start: [
        [1, 2],
        [2, 5],
      ],
      end: [
        [1, 3],
        [2, 5.5],
      ],
      expected: 1.5,
    },
    {
      name: 'a process started meanwhile counts from zero',
      start: [[1, 2]],
      end: [
        [1, 2.5],
        [7, 0.25],
      ],
      expected: 0.75,
    },
    {
      name: 'a process gone meanwhile adds nothing',
      start: [
        [1, 2],
        [3, 9],
      ],
      end: [[1, 2.5]],
      expected: 0.5,
    },
  ];
  for (const { name, start, end, expected } of cases) {
    it(name, () => assert.equal(cpuSecondsBetween(new Map(start), new Map(end)), expected));
  }
});

describe('cpuSecondsByComm', () => {
  it('finds this process by its name in /proc', () => {
    const comm = readFileSync(`/proc/${process.pid}/comm`, 'utf8').trim();
    const found = cpuSecondsByComm(comm);
    assert.ok(
      found.has(process.pid),
      `pid ${process.pid} (${comm}) not among ${[...found.keys()].join(', ')}`,
    );
    assert.ok((found.get(process.pid) ?? -1) >= 0);
  });
});
