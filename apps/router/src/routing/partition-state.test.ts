import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PartitionState } from './partition-state.js';

test('an empty partition state knows no previous value and no delivery', () => {
  const state = new PartitionState();
  assert.equal(state.previous('sub_a', 'ten_a'), undefined);
  assert.equal(state.lastDeliveredAt('sub_a'), undefined);
  assert.equal(state.size, 0);
});

test('changelog records are applied in order: previous values per entity, deliveries per subscription', () => {
  const state = new PartitionState();
  state.apply([
    { kind: 'previous', subscriptionId: 'sub_a', entity: 'ten_a', values: { apr: '6.5' }, eventId: 'evt_1' },
    { kind: 'previous', subscriptionId: 'sub_a', entity: 'ten_b', values: { apr: '7' }, eventId: 'evt_2' },
    { kind: 'cooldown', subscriptionId: 'sub_a', lastDeliveredAt: '2026-11-22T10:05:00.000Z' },
    // The later record for a key wins, as compaction keeps it.
    { kind: 'previous', subscriptionId: 'sub_a', entity: 'ten_a', values: { apr: '6.4' }, eventId: 'evt_3' },
  ]);
  assert.deepEqual(state.previous('sub_a', 'ten_a'), { apr: '6.4' });
  assert.deepEqual(state.previous('sub_a', 'ten_b'), { apr: '7' });
  assert.equal(state.previous('sub_b', 'ten_a'), undefined, 'another subscription has its own values');
  assert.equal(state.lastDeliveredAt('sub_a'), Date.parse('2026-11-22T10:05:00.000Z'));
  assert.equal(state.lastDeliveredAt('sub_b'), undefined);
  // Three keys held: two entities' previous values and one cooldown.
  assert.equal(state.size, 3);
});
