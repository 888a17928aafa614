import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { OffsetTracker } from './offset-tracker.js';

type Step = ['begin', number] | ['complete', number];

describe('OffsetTracker commits only below the lowest unfinished record', () => {
  const cases: Array<[name: string, steps: Step[], expected: string | null]> = [
    [
      'nothing done: nothing to commit',
      [
        ['begin', 0],
        ['begin', 1],
      ],
      null,
    ],
    [
      'in order',
      [
        ['begin', 0],
        ['begin', 1],
        ['complete', 0],
        ['complete', 1],
      ],
      '2',
    ],
    [
      'a slow head holds the commit back',
      [
        ['begin', 0],
        ['begin', 1],
        ['begin', 2],
        ['complete', 1],
        ['complete', 2],
      ],
      null,
    ],
    [
      'the head finishing releases everything done behind it',
      [
        ['begin', 0],
        ['begin', 1],
        ['begin', 2],
        ['complete', 2],
        ['complete', 1],
        ['complete', 0],
      ],
      '3',
    ],
    [
      'a gap in the middle',
      [
        ['begin', 5],
        ['begin', 6],
        ['begin', 7],
        ['complete', 5],
        ['complete', 7],
      ],
      '6',
    ],
    [
      'offsets need not be contiguous (compaction, seeks)',
      [
        ['begin', 10],
        ['begin', 20],
        ['complete', 10],
        ['complete', 20],
      ],
      '21',
    ],
  ];
  for (const [name, steps, expected] of cases) {
    test(name, () => {
      const tracker = new OffsetTracker();
      for (const [action, offset] of steps) {
        if (action === 'begin') tracker.begin('t', 0, String(offset));
        else tracker.complete('t', 0, String(offset));
      }
      const committable = tracker.committable();
      assert.deepEqual(
        committable,
        expected === null ? [] : [{ topic: 't', partition: 0, offset: expected }],
      );
    });
  }
});

test('a re-fetched record that is already begun is skipped', () => {
  const tracker = new OffsetTracker();
  assert.equal(tracker.begin('t', 0, '3'), true);
  assert.equal(tracker.begin('t', 0, '3'), false);
  assert.equal(tracker.begin('t', 0, '2'), false);
  assert.equal(tracker.begin('t', 0, '4'), true);
  assert.equal(tracker.inFlight, 2);
});

test('committed offsets are not offered again until they move', () => {
  const tracker = new OffsetTracker();
  tracker.begin('t', 1, '0');
  tracker.complete('t', 1, '0');
  const first = tracker.committable();
  assert.deepEqual(first, [{ topic: 't', partition: 1, offset: '1' }]);
  tracker.markCommitted(first);
  assert.deepEqual(tracker.committable(), []);
  tracker.begin('t', 1, '1');
  tracker.complete('t', 1, '1');
  assert.deepEqual(tracker.committable(), [{ topic: 't', partition: 1, offset: '2' }]);
});

test('partitions are independent and revoked ones are dropped', () => {
  const tracker = new OffsetTracker();
  tracker.begin('a', 0, '0');
  tracker.begin('a', 1, '0');
  tracker.begin('b', 0, '7');
  tracker.complete('a', 1, '0');
  assert.equal(tracker.inFlight, 2);
  tracker.retainOnly({ a: [1] });
  assert.equal(tracker.inFlight, 0);
  assert.deepEqual(tracker.committable(), [{ topic: 'a', partition: 1, offset: '1' }]);
  tracker.complete('a', 0, '0');
  assert.equal(tracker.inFlight, 0, 'completing a dropped partition changes nothing');
});

test('an abandoned record is no longer in flight and is never committed past', () => {
  const tracker = new OffsetTracker();
  tracker.begin('t', 0, '0');
  tracker.begin('t', 0, '1');
  tracker.begin('t', 0, '2');
  tracker.complete('t', 0, '0');
  tracker.abandon('t', 0, '1');
  tracker.complete('t', 0, '2');
  assert.equal(tracker.inFlight, 0, 'shutdown need not wait for it');
  assert.deepEqual(
    tracker.committable(),
    [{ topic: 't', partition: 0, offset: '1' }],
    'offset 1 is read again after a restart',
  );
});
