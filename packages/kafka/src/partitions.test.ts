import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KafkaEnv, partitionCounts } from './config.js';
import { planPartitions } from './partitions.js';
import { allTopicSpecs } from './topics.js';

const cases = [
  {
    name: 'equal counts change nothing',
    wanted: [{ name: 't.a', partitions: 3 }],
    actual: [['t.a', 3]],
    expected: { raise: [], keep: [] },
  },
  {
    name: 'fewer partitions than wanted are raised',
    wanted: [{ name: 't.a', partitions: 6 }],
    actual: [['t.a', 3]],
    expected: { raise: [{ topic: 't.a', from: 3, to: 6 }], keep: [] },
  },
  {
    name: 'more partitions than wanted are kept, never lowered',
    wanted: [{ name: 't.a', partitions: 3 }],
    actual: [['t.a', 8]],
    expected: { raise: [], keep: [{ topic: 't.a', wanted: 3, actual: 8 }] },
  },
  {
    name: 'a topic that does not exist yet is left to creation',
    wanted: [{ name: 't.new', partitions: 6 }],
    actual: [],
    expected: { raise: [], keep: [] },
  },
  {
    name: 'several topics each get their own verdict',
    wanted: [
      { name: 't.a', partitions: 4 },
      { name: 't.b', partitions: 4 },
      { name: 't.c', partitions: 4 },
    ],
    actual: [
      ['t.a', 1],
      ['t.b', 4],
      ['t.c', 12],
    ],
    expected: { raise: [{ topic: 't.a', from: 1, to: 4 }], keep: [{ topic: 't.c', wanted: 4, actual: 12 }] },
  },
] as const;

for (const { name, wanted, actual, expected } of cases) {
  test(`planPartitions: ${name}`, () => {
    assert.deepEqual(planPartitions(wanted, new Map(actual)), expected);
  });
}

test('partition counts default to 3 for events, deliveries and every retry topic', () => {
  const specs = allTopicSpecs('p.', partitionCounts(KafkaEnv.parse({})));
  const byName = new Map(specs.map((spec) => [spec.name, spec.partitions]));
  assert.equal(byName.get('p.events'), 3);
  assert.equal(byName.get('p.deliveries'), 3);
  assert.equal(byName.get('p.deliveries.retry.5s'), 3);
});

test('configured counts reach the events, deliveries and retry topics only', () => {
  const env = KafkaEnv.parse({
    HOOKSTREAM_EVENTS_PARTITIONS: '12',
    HOOKSTREAM_DELIVERIES_PARTITIONS: '24',
    HOOKSTREAM_RETRY_PARTITIONS: '6',
  });
  const specs = allTopicSpecs('p.', partitionCounts(env));
  const byName = new Map(specs.map((spec) => [spec.name, spec.partitions]));
  assert.equal(byName.get('p.events'), 12);
  assert.equal(byName.get('p.deliveries'), 24);
  for (const tier of ['5s', '30s', '2m', '15m', '1h', '6h'])
    assert.equal(byName.get(`p.deliveries.retry.${tier}`), 6);
  assert.equal(byName.get('p.attempts'), 3, 'not configurable');
  assert.equal(byName.get('p.subscriptions'), 1, 'the compacted view topic stays at 1');
});

for (const value of ['0', '-1', '2.5', 'many', '10001']) {
  test(`HOOKSTREAM_DELIVERIES_PARTITIONS=${value} is refused, naming the variable`, () => {
    const parsed = KafkaEnv.safeParse({ HOOKSTREAM_DELIVERIES_PARTITIONS: value });
    assert.equal(parsed.success, false);
    assert.deepEqual(parsed.error?.issues[0]?.path, ['HOOKSTREAM_DELIVERIES_PARTITIONS']);
  });
}
