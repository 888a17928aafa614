import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InFlightSlots, type SlotVerdict } from './in-flight-slots.js';

const limits = { total: 10, perEndpoint: 2, perTenant: 3 };

/** Fills `slots` with [endpoint, tenant] pairs, then asks about one more. */
const cases: Array<[string, Array<[string, string]>, [string, string], SlotVerdict]> = [
  ['an idle instance starts anything', [], ['a', 't1'], 'start'],
  ['an endpoint under its share starts', [['a', 't1']], ['a', 't1'], 'start'],
  [
    'an endpoint at its share borrows while the instance is under half busy',
    [
      ['a', 't1'],
      ['a', 't1'],
    ],
    ['a', 't1'],
    'start',
  ],
  [
    'an endpoint at its share is over its share once the instance is half busy',
    [
      ['a', 't1'],
      ['a', 't1'],
      ['b', 't2'],
      ['c', 't3'],
      ['d', 't4'],
    ],
    ['a', 't1'],
    'over-share',
  ],
  [
    'another endpoint of the same busy instance still starts',
    [
      ['a', 't1'],
      ['a', 't1'],
      ['b', 't2'],
      ['c', 't3'],
      ['d', 't4'],
    ],
    ['e', 't5'],
    'start',
  ],
  [
    'a tenant at its share across endpoints is over its share once the instance is half busy',
    [
      ['a', 't1'],
      ['b', 't1'],
      ['c', 't1'],
      ['d', 't2'],
      ['e', 't3'],
    ],
    ['f', 't1'],
    'over-share',
  ],
  [
    'a full instance makes work within its share wait',
    Array.from({ length: 10 }, (_, i): [string, string] => [`e${i}`, `t${i}`]),
    ['new', 'tn'],
    'wait',
  ],
  [
    'a full instance reports over-share first for an endpoint past its share',
    [['a', 't1'], ['a', 't1'], ...Array.from({ length: 8 }, (_, i): [string, string] => [`e${i}`, `t${i}`])],
    ['a', 't1'],
    'over-share',
  ],
];

for (const [name, held, [endpoint, tenant], expected] of cases) {
  test(name, () => {
    const slots = new InFlightSlots(limits);
    for (const [e, t] of held) slots.take(e, t);
    assert.equal(slots.verdict(endpoint, tenant), expected);
  });
}

test('released slots are counted back, per endpoint and in total', () => {
  const slots = new InFlightSlots(limits);
  slots.take('a', 't1');
  slots.take('a', 't1');
  slots.release('a', 't1');
  assert.equal(slots.inFlight, 1);
  assert.equal(slots.inFlightTo('a'), 1);
  slots.release('a', 't1');
  assert.equal(slots.inFlightTo('a'), 0);
  assert.equal(slots.inFlight, 0);
});

test('an endpoint that may not borrow is over its share at its share, even on an idle instance', () => {
  const slots = new InFlightSlots(limits);
  slots.take('slow', 't1');
  slots.take('slow', 't1');
  assert.equal(slots.verdict('slow', 't1', false), 'over-share');
  assert.equal(slots.verdict('slow', 't1', true), 'start');
});
