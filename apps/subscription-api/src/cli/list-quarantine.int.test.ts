import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { allTopicSpecs, createKafkaClient, ensureTopics, HEADERS, resolveTopics } from '@hookstream/kafka';
import { deleteTestTopics, repoRoot, testBrokers, uniqueTopicPrefix } from '@hookstream/testkit';

const run = promisify(execFile);
const prefix = uniqueTopicPrefix('quarantine-cli');
const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'quarantine-cli-test' });

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

before(async () => {
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, allTopicSpecs(prefix));
  await admin.disconnect();
});

after(async () => {
  await deleteTestTopics(prefix);
});

test('admin quarantine lists the newest quarantined events with their reasons', async () => {
  assert.equal((await adminCli('quarantine')).stdout, 'no quarantined events\n');
  const producer = kafka.producer();
  await producer.connect();
  const quarantined = (code: string, reason: string, value: string) => ({
    key: 'acc_1',
    value,
    headers: { [HEADERS.quarantineCode]: code, [HEADERS.quarantineReason]: reason },
  });
  for (let i = 0; i < 3; i++) {
    await producer.send({
      topic: resolveTopics(prefix).quarantine,
      acks: -1,
      messages: [
        quarantined('invalid_json', 'invalid JSON: Unexpected token', `{"id": "evt_broken${i}", not json`),
        quarantined(
          'unknown_type',
          'unknown event type "card.teleported"',
          JSON.stringify({ id: `evt_unknown${i}`, type: 'card.teleported', tenantId: 'ten_q', data: {} }),
        ),
      ],
    });
  }
  await producer.disconnect();

  const listed = await adminCli('quarantine', '--limit', '4', '--json');
  assert.equal(listed.code, 0, listed.stderr);
  const events = JSON.parse(listed.stdout) as Array<Record<string, unknown>>;
  assert.equal(events.length, 4, 'the limit');
  assert.deepEqual(
    events.map((event) => event.offset),
    ['5', '4', '3', '2'],
    'newest first',
  );
  assert.deepEqual(events[0], {
    at: events[0]?.at,
    partition: 0,
    offset: '5',
    code: 'unknown_type',
    reason: 'unknown event type "card.teleported"',
    eventId: 'evt_unknown2',
    type: 'card.teleported',
    tenantId: 'ten_q',
  });
  assert.equal(events[1]?.code, 'invalid_json');
  assert.equal(events[1]?.eventId, null, 'not JSON: no fields to show');

  const text = await adminCli('quarantine', '--limit', '2');
  const lines = text.stdout.trim().split('\n');
  assert.equal(lines.length, 2);
  assert.match(
    lines[0] ?? '',
    /unknown_type {2}evt_unknown2 {2}card\.teleported {2}ten_q {2}0\/5 {2}unknown event type/,
  );

  const bad = await adminCli('quarantine', '--limit', 'lots');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--limit/);
});
