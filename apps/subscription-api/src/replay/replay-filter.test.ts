import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { exampleData, exampleEvent, webhookBody } from '@hookstream/events';
import type { Condition } from '@hookstream/kafka';
import { subscriptionRecord } from '@hookstream/testkit';
import { ReplayFilter } from './replay-filter.js';

const tenantId = 'ten_replay';

/** One replayed record: entity key, partition, minute past 10:00 (event time) and the apr. */
interface Replayed {
  id: string;
  key?: string;
  partition?: number;
  minute: number;
  apr: string;
  type?: 'rate.changed' | 'card.created';
}

function eventOf({ id, minute, apr, type = 'rate.changed' }: Replayed) {
  const occurredAt = new Date(Date.parse('2026-11-30T10:00:00.000Z') + minute * 60_000).toISOString();
  const base = exampleEvent(type, { id: id as `evt_${string}`, tenantId, occurredAt });
  return type === 'rate.changed' ? { ...base, data: { ...exampleData('rate.changed'), apr } } : base;
}

/** Runs the window through one ReplayFilter in order: the ids delivered, and their bodies. */
function replay(
  conditions: Condition[] | undefined,
  events: Replayed[],
  options: { cooldownMinutes?: number; onlyTypes?: string[] } = {},
) {
  const filter = new ReplayFilter(
    subscriptionRecord({
      tenantId,
      eventTypes: ['rate.changed', 'card.created'],
      ...(conditions === undefined ? {} : { conditions }),
      ...(options.cooldownMinutes === undefined ? {} : { cooldownMinutes: options.cooldownMinutes }),
    }),
    options.onlyTypes ?? null,
  );
  const delivered: string[] = [];
  const bodies = new Map<string, Record<string, unknown>>();
  for (const replayed of events) {
    const body = filter.bodyFor(
      eventOf(replayed),
      Buffer.from(replayed.key ?? 'rates-ca'),
      replayed.partition ?? 0,
    );
    if (body === null) continue;
    delivered.push(replayed.id);
    bodies.set(replayed.id, JSON.parse(body) as Record<string, unknown>);
  }
  return { delivered, bodies };
}

const rates = (...aprs: string[]): Replayed[] =>
  aprs.map((apr, minute) => ({ id: `evt_r${minute}`, minute, apr }));

describe('ReplayFilter: which events of the window a replay delivers', () => {
  const cases: Array<
    [
      name: string,
      conditions: Condition[] | undefined,
      events: Replayed[],
      delivered: string[],
      options?: { cooldownMinutes?: number; onlyTypes?: string[] },
    ]
  > = [
    ['no conditions: every event it wants', undefined, rates('6.50', '6.10'), ['evt_r0', 'evt_r1']],
    ['an empty condition list is no conditions', [], rates('6.50', '6.10'), ['evt_r0', 'evt_r1']],
    [
      'lt: only the events below the bound, compared as decimals',
      [{ field: 'apr', operator: 'lt', value: '6.25' }],
      rates('6.50', '6.10', '6.2500', '6.249'),
      ['evt_r1', 'evt_r3'],
    ],
    [
      'all conditions must pass',
      [
        { field: 'apr', operator: 'gte', value: 6 },
        { field: 'apr', operator: 'lt', value: '6.25' },
      ],
      rates('5.99', '6.00', '6.30'),
      ['evt_r1'],
    ],
    [
      'change_pct: the first event of the window has no previous value and does not pass',
      [{ field: 'apr', operator: 'change_pct', value: -2 }],
      rates('5.00', '6.50', '6.37', '6.30', '6.00'),
      // 5.00 → 6.50 rise; 6.50 → 6.37 exactly −2 %; 6.37 → 6.30 −1.1 %; 6.30 → 6.00 −4.8 %
      ['evt_r2', 'evt_r4'],
    ],
    [
      'change_pct: the previous value is the same entity’s (Kafka key) within the window',
      [{ field: 'apr', operator: 'change_pct', value: -2 }],
      [
        { id: 'evt_a0', key: 'rates-ca', minute: 0, apr: '6.50' },
        { id: 'evt_b0', key: 'rates-ny', minute: 1, apr: '5.00' },
        { id: 'evt_a1', key: 'rates-ca', minute: 2, apr: '6.00' },
        { id: 'evt_b1', key: 'rates-ny', minute: 3, apr: '5.00' },
      ],
      ['evt_a1'],
    ],
    [
      'cooldown on event time: none within cooldownMinutes of the last delivered one',
      undefined,
      [
        { id: 'evt_c0', minute: 0, apr: '6.00' },
        { id: 'evt_c5', minute: 5, apr: '6.00' },
        { id: 'evt_c9', minute: 9, apr: '6.00' },
        { id: 'evt_c10', minute: 10, apr: '6.00' },
        { id: 'evt_c15', minute: 15, apr: '6.00' },
      ],
      ['evt_c0', 'evt_c10'],
      { cooldownMinutes: 10 },
    ],
    [
      'cooldown counts only delivered events: a failing one does not start it',
      [{ field: 'apr', operator: 'lt', value: 7 }],
      [
        { id: 'evt_d0', minute: 0, apr: '8.00' },
        { id: 'evt_d1', minute: 1, apr: '6.00' },
        { id: 'evt_d2', minute: 2, apr: '6.00' },
      ],
      ['evt_d1'],
      { cooldownMinutes: 10 },
    ],
    [
      'cooldown is kept per events partition, as the router keeps it',
      undefined,
      [
        { id: 'evt_p0', partition: 0, minute: 0, apr: '6.00' },
        { id: 'evt_p1', partition: 1, minute: 1, apr: '6.00' },
        { id: 'evt_p0b', partition: 0, minute: 2, apr: '6.00' },
      ],
      ['evt_p0', 'evt_p1'],
      { cooldownMinutes: 10 },
    ],
    [
      'types the replay narrows away are not delivered',
      undefined,
      [
        { id: 'evt_t0', minute: 0, apr: '6.00' },
        { id: 'evt_t1', minute: 1, apr: '6.00', type: 'card.created' },
      ],
      ['evt_t1'],
      { onlyTypes: ['card.*'] },
    ],
  ];
  for (const [name, conditions, events, delivered, options] of cases) {
    test(name, () => assert.deepEqual(replay(conditions, events, options).delivered, delivered));
  }
});

describe('ReplayFilter: the replayed body', () => {
  test('without conditions it is the webhook body of the payload format, unchanged', () => {
    const [only] = rates('6.10');
    const { bodies } = replay(undefined, rates('6.10'));
    assert.deepEqual(bodies.get('evt_r0'), JSON.parse(webhookBody(eventOf(only as Replayed), undefined)));
    assert.equal('conditionResults' in (bodies.get('evt_r0') ?? {}), false);
  });

  test('with conditions it ends with conditionResults, as a live delivery', () => {
    const { bodies } = replay(
      [
        { field: 'apr', operator: 'lt', value: '6.25' },
        { field: 'apr', operator: 'change_pct', value: -2 },
      ],
      rates('6.50', '6.10'),
    );
    const body = bodies.get('evt_r1');
    assert.deepEqual(body?.conditionResults, [
      { field: 'apr', operator: 'lt', threshold: '6.25', actualValue: '6.10', passed: true },
      {
        field: 'apr',
        operator: 'change_pct',
        threshold: -2,
        actualValue: '6.10',
        passed: true,
        previousValue: '6.5',
        currentValue: '6.1',
        changePct: '-6.153846',
      },
    ]);
    assert.deepEqual(Object.keys(body ?? {}).at(-1), 'conditionResults');
  });
});
