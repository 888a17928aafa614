import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deliveryTaskFixture } from './delivery-task.fixture.js';
import { DeliveryTask, ViewPosition } from './delivery-task.js';

const task = deliveryTaskFixture();

test('a task without a view position is valid (written before it existed, or by a replay)', () => {
  assert.equal(DeliveryTask.safeParse(task).success, true);
});

const positions: Array<{ name: string; value: unknown; valid: boolean }> = [
  { name: 'one partition', value: { '0': 12 }, valid: true },
  { name: 'several partitions, offset 0', value: { '0': 0, '3': 9 }, valid: true },
  { name: 'no partition read yet', value: {}, valid: true },
  { name: 'a partition that is not a number', value: { p0: 1 }, valid: false },
  { name: 'a negative offset', value: { '0': -1 }, valid: false },
  { name: 'a fractional offset', value: { '0': 1.5 }, valid: false },
  { name: 'an offset as a string', value: { '0': '12' }, valid: false },
];

for (const { name, value, valid } of positions) {
  test(`view position: ${name} is ${valid ? 'accepted' : 'refused'}`, () => {
    assert.equal(ViewPosition.safeParse(value).success, valid);
    assert.equal(DeliveryTask.safeParse({ ...task, viewPosition: value }).success, valid);
  });
}
