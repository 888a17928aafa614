import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exampleEvent } from '@hookstream/events';
import { subscriptionRecord } from '@hookstream/testkit';
import { partitionRanges, replayMessageId, replayWants, windowProblems } from './plan-replay.js';

const now = new Date('2026-11-30T12:00:00.000Z');
const day = 86_400_000;
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('windowProblems', () => {
  const cases: Array<[string, { since: string; until: string }, string[]]> = [
    ['a window of the last day', { since: ago(day), until: ago(0) }, []],
    ['until later than now (read as now)', { since: ago(day), until: ago(-day) }, []],
    ['reversed', { since: ago(day), until: ago(2 * day) }, ['until']],
    ['empty', { since: ago(day), until: ago(day) }, ['until']],
    ['starting in the future', { since: ago(-day), until: ago(-2 * day) }, ['since']],
    ['older than retention', { since: ago(8 * day), until: ago(day) }, ['since']],
    ['exactly at the retention edge', { since: ago(7 * day), until: ago(day) }, []],
  ];
  for (const [name, window, fields] of cases) {
    test(name, () =>
      assert.deepEqual(
        windowProblems(window, now, 7 * day).map((e) => e.field),
        fields,
      ),
    );
  }
  test('says how long the retention is', () => {
    const [error] = windowProblems({ since: ago(8 * day), until: ago(day) }, now, 7 * day);
    assert.match(error?.message ?? '', /retention \(7 days, since 2026-11-23T12:00:00.000Z\)/);
  });
});

describe('replayWants', () => {
  const tenantId = 'ten_replay';
  const event = (type: 'card.created' | 'order.created', accountId?: string) =>
    exampleEvent(type, {
      tenantId: tenantId as `ten_${string}`,
      ...(accountId ? { accountId: accountId as `acc_${string}` } : {}),
    });
  const sub = (fields: object) => subscriptionRecord({ tenantId, eventTypes: ['card.*'], ...fields });
  const cases: Array<[string, ReturnType<typeof sub>, ReturnType<typeof event>, string[] | null, boolean]> = [
    ['its type', sub({}), event('card.created', 'acc_1'), null, true],
    ['another type', sub({}), event('order.created', 'acc_1'), null, false],
    ['another tenant', sub({ tenantId: 'ten_other' }), event('card.created', 'acc_1'), null, false],
    ['an account in scope', sub({ accountIds: ['acc_1'] }), event('card.created', 'acc_1'), null, true],
    ['an account out of scope', sub({ accountIds: ['acc_2'] }), event('card.created', 'acc_1'), null, false],
    ['narrowed to other types', sub({}), event('card.created', 'acc_1'), ['card.transaction.*'], false],
    ['narrowed to its type', sub({}), event('card.created', 'acc_1'), ['card.created'], true],
  ];
  for (const [name, subscription, input, only, expected] of cases) {
    test(name, () => assert.equal(replayWants(subscription, input, only), expected));
  }
});

describe('replayMessageId', () => {
  test('the same for one replay, event and subscription; new for another replay', () => {
    const a = replayMessageId('rpl_1', 'evt_1', 'sub_1');
    assert.equal(a, replayMessageId('rpl_1', 'evt_1', 'sub_1'));
    assert.notEqual(a, replayMessageId('rpl_2', 'evt_1', 'sub_1'));
    assert.match(a, /^msg_[A-Za-z0-9_-]{24}$/);
  });
});

describe('partitionRanges', () => {
  test('keeps the partitions with records between the two offsets', () => {
    assert.deepEqual(
      partitionRanges(
        [
          { partition: 0, offset: '5' },
          { partition: 1, offset: '9' },
          { partition: 2, offset: '3' },
        ],
        [
          { partition: 0, offset: '8' },
          { partition: 1, offset: '9' },
          { partition: 2, offset: '4' },
        ],
      ),
      [
        { partition: 0, from: 5n, to: 8n },
        { partition: 2, from: 3n, to: 4n },
      ],
    );
  });
});
