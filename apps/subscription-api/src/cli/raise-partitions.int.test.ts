import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import {
  allTopicSpecs,
  createKafkaClient,
  ensureTopics,
  KafkaEnv,
  type PartitionPlan,
  partitionCounts,
  partitionCountsOf,
  resolveTopics,
} from '@hookstream/kafka';
import { deleteTestTopics, repoRoot, testBrokers, uniqueTopicPrefix } from '@hookstream/testkit';
import type { Admin } from 'kafkajs';

const run = promisify(execFile);
const prefix = uniqueTopicPrefix('partitions');
const topics = resolveTopics(prefix);
let admin: Admin;

/** The admin CLI as an operator runs it; resolves with its exit code and output. */
async function adminCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [join(repoRoot(), 'apps/subscription-api/dist/cli/admin.js'), ...args],
      { env: { ...process.env, KAFKA_BROKERS: testBrokers().join(','), HOOKSTREAM_TOPIC_PREFIX: prefix } },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const countOf = async (name: string) => (await partitionCountsOf(admin, [name])).get(name);

before(async () => {
  admin = createKafkaClient({ brokers: testBrokers(), clientId: 'partitions-test' }).admin();
  await admin.connect();
  // The topics as a service creates them with the defaults.
  const env = KafkaEnv.parse({ KAFKA_BROKERS: testBrokers().join(','), HOOKSTREAM_TOPIC_PREFIX: prefix });
  await ensureTopics(admin, allTopicSpecs(prefix, partitionCounts(env)));
});

after(async () => {
  await admin?.disconnect();
  await deleteTestTopics(prefix);
});

test('raise-partitions raises a topic on the running cluster; retry means every retry topic', async () => {
  assert.equal(await countOf(topics.deliveries), 3, 'created with the default');
  const deliveries = await adminCli('raise-partitions', '--topic', 'deliveries', '--count', '5');
  assert.equal(deliveries.code, 0, deliveries.stderr);
  assert.match(
    deliveries.stdout,
    new RegExp(`raised ${topics.deliveries.replaceAll('.', '\\.')} from 3 to 5 partitions`),
  );
  assert.match(deliveries.stdout, /HOOKSTREAM_DELIVERIES_PARTITIONS=5/);
  assert.equal(await countOf(topics.deliveries), 5);

  const retry = await adminCli('raise-partitions', '--topic', 'retry', '--count', '4');
  assert.equal(retry.code, 0, retry.stderr);
  for (const tier of topics.retry) assert.equal(await countOf(tier.name), 4, tier.name);
  assert.equal(await countOf(topics.events), 3, 'other topics are left alone');

  const same = await adminCli('raise-partitions', '--topic', 'deliveries', '--count', '5');
  assert.equal(same.code, 0);
  assert.match(same.stdout, /already has 5 partitions/);
});

test('raise-partitions never lowers, and refuses bad arguments, with one line that says what to do', async () => {
  const lower = await adminCli('raise-partitions', '--topic', 'deliveries', '--count', '2');
  assert.equal(lower.code, 1);
  assert.match(
    lower.stderr,
    /^error: .*deliveries has 5 partitions; Kafka cannot lower a partition count: ask for 5 or more\n$/,
  );
  assert.equal(await countOf(topics.deliveries), 5, 'unchanged');

  for (const args of [
    ['--topic', 'attempts', '--count', '6'],
    ['--topic', 'events', '--count', 'six'],
  ]) {
    const bad = await adminCli('raise-partitions', ...args);
    assert.equal(bad.code, 2, args.join(' '));
    assert.match(bad.stderr, /^error: raise-partitions needs --topic events\|deliveries\|retry and --count/);
  }
});

test('provisioning at start raises topics to the configured counts and never lowers them', async () => {
  const env = KafkaEnv.parse({
    KAFKA_BROKERS: testBrokers().join(','),
    HOOKSTREAM_TOPIC_PREFIX: prefix,
    HOOKSTREAM_EVENTS_PARTITIONS: '6',
    // deliveries has 5 (raised above): asking for 3 keeps 5, with a warning.
    HOOKSTREAM_DELIVERIES_PARTITIONS: '3',
    HOOKSTREAM_RETRY_PARTITIONS: '4',
  });
  const reports: PartitionPlan[] = [];
  const created = await ensureTopics(admin, allTopicSpecs(prefix, partitionCounts(env)), 30_000, (plan) =>
    reports.push(plan),
  );
  assert.deepEqual(created, [], 'every topic existed');
  assert.equal(await countOf(topics.events), 6);
  assert.equal(await countOf(topics.deliveries), 5);
  // The router's state changelog is co-partitioned with events (a router owning events
  // partition p restores state partition p), so it is raised with it.
  assert.deepEqual(reports, [
    {
      raise: [
        { topic: topics.events, from: 3, to: 6 },
        { topic: topics.routerState, from: 3, to: 6 },
      ],
      keep: [{ topic: topics.deliveries, wanted: 3, actual: 5 }],
    },
  ]);
});
