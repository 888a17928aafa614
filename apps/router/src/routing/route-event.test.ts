import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleEvent } from '@hookstream/events';
import { subscriptionRecord } from '@hookstream/testkit';
import { BatchState, NO_STATE } from './condition-state.js';
import { MatchIndex } from './match-index.js';
import { routeEvent } from './route-event.js';

const now = new Date('2026-11-22T10:00:00.000Z');
const subscription = subscriptionRecord({ id: 'sub_1', tenantId: 'ten_demo', eventTypes: ['card.*'] });
// Built inside each test, so a broken index fails that test instead of the file's import.
const lookup = () => MatchIndex.of([subscription]);
const raw = (value: Buffer | null) => ({ key: Buffer.from('acc_key'), value });

const good = JSON.stringify(exampleEvent('card.created', { tenantId: 'ten_demo' }));
const unsubscribed = JSON.stringify(exampleEvent('order.created', { tenantId: 'ten_demo' }));
const badData = JSON.stringify({ ...JSON.parse(good), data: { unexpected: true } });

const cases: Array<[name: string, value: Buffer | null, expected: string]> = [
  ['a null value (tombstone) is quarantined as empty', null, 'quarantine:empty'],
  ['bytes that are not JSON', Buffer.from('{nope'), 'quarantine:invalid_json'],
  ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0x7b]), 'quarantine:invalid_json'],
  ['JSON that is not an envelope', Buffer.from('[1,2]'), 'quarantine:invalid_envelope'],
  ['an unknown type', Buffer.from(good.replace('card.created', 'card.melted')), 'quarantine:unknown_type'],
  ['data failing its schema', Buffer.from(badData), 'quarantine:invalid_data'],
  ['a matching event fans out to its subscription', Buffer.from(good), 'deliver:1'],
  ['a valid event nobody wants fans out to nothing', Buffer.from(unsubscribed), 'deliver:0'],
];

for (const [name, value, expected] of cases) {
  test(name, () => {
    const decision = routeEvent(raw(value), lookup(), now, new BatchState(NO_STATE));
    const summary =
      decision.kind === 'quarantine' ? `quarantine:${decision.code}` : `deliver:${decision.tasks.length}`;
    assert.equal(summary, expected);
    if (decision.kind === 'quarantine') assert.ok(decision.reason.length > 0, 'a reason in words');
  });
}

test('one payload string is shared by every task of an event', () => {
  const twice = MatchIndex.of([subscription, { ...subscription, id: 'sub_2' }]);
  const decision = routeEvent(raw(Buffer.from(good)), twice, now, new BatchState(NO_STATE));
  assert.equal(decision.kind, 'deliver');
  if (decision.kind !== 'deliver') return;
  assert.equal(decision.tasks.length, 2);
  assert.equal(decision.tasks[0]?.payload, decision.tasks[1]?.payload);
  assert.notEqual(decision.tasks[0]?.messageId, decision.tasks[1]?.messageId);
});
