import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CappedLabelValues, topWithOther } from './metric-labels.js';

describe('CappedLabelValues', () => {
  it('keeps the first `limit` distinct values and reports later ones as other', () => {
    const tenants = new CappedLabelValues(2);
    assert.deepEqual(
      ['ten_a', 'ten_b', 'ten_a', 'ten_c', 'ten_b', 'ten_d'].map((value) => tenants.valueFor(value)),
      ['ten_a', 'ten_b', 'ten_a', 'other', 'ten_b', 'other'],
    );
  });

  it('with limit 0 reports everything as other', () => {
    assert.equal(new CappedLabelValues(0).valueFor('ten_a'), 'other');
  });

  it('does not spend a slot on a raw value named "other"', () => {
    const values = new CappedLabelValues(1);
    assert.equal(values.valueFor('other'), 'other');
    assert.equal(values.valueFor('ten_a'), 'ten_a');
  });

  it('rejects a negative or fractional limit', () => {
    assert.throws(() => new CappedLabelValues(-1), RangeError);
    assert.throws(() => new CappedLabelValues(1.5), RangeError);
  });
});

describe('topWithOther', () => {
  const counts = new Map([
    ['ten_small', 1],
    ['ten_big', 9],
    ['ten_mid_b', 4],
    ['ten_mid_a', 4],
  ]);
  const cases = [
    {
      n: 2,
      expected: [
        ['ten_big', 9],
        ['ten_mid_a', 4],
        ['other', 5],
      ],
    },
    {
      n: 4,
      expected: [
        ['ten_big', 9],
        ['ten_mid_a', 4],
        ['ten_mid_b', 4],
        ['ten_small', 1],
      ],
    },
    {
      n: 10,
      expected: [
        ['ten_big', 9],
        ['ten_mid_a', 4],
        ['ten_mid_b', 4],
        ['ten_small', 1],
      ],
    },
    { n: 0, expected: [['other', 18]] },
  ];
  for (const { n, expected } of cases) {
    it(`top ${n}: largest first, ties by name, the rest summed as other`, () => {
      assert.deepEqual(topWithOther(counts, n), expected);
    });
  }

  it('is empty for no counts', () => {
    assert.deepEqual(topWithOther(new Map(), 3), []);
  });
});
