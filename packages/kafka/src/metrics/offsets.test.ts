import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { partitionLags, topicCounts } from './offsets.js';

describe('partitionLags', () => {
  const cases = [
    { name: 'caught up', low: '0', high: '10', committed: '10', lag: 0 },
    { name: 'behind', low: '0', high: '10', committed: '4', lag: 6 },
    { name: 'nothing committed yet: every retained record', low: '3', high: '10', committed: '-1', lag: 7 },
    { name: 'committed below the retained range', low: '8', high: '10', committed: '2', lag: 2 },
    { name: 'empty partition, nothing committed', low: '0', high: '0', committed: '-1', lag: 0 },
  ];
  for (const { name, low, high, committed, lag } of cases) {
    it(name, () => {
      assert.deepEqual(partitionLags([{ partition: 0, low, high }], [{ partition: 0, offset: committed }]), [
        { partition: 0, lag },
      ]);
    });
  }

  it('treats a partition missing from the group offsets as uncommitted', () => {
    assert.deepEqual(partitionLags([{ partition: 1, low: '0', high: '5' }], []), [{ partition: 1, lag: 5 }]);
  });
});

describe('topicCounts', () => {
  it('sums written (high) and retained (high − low) over partitions', () => {
    assert.deepEqual(
      topicCounts([
        { partition: 0, low: '0', high: '4' },
        { partition: 1, low: '2', high: '3' },
      ]),
      { written: 7, retained: 5 },
    );
  });
});
