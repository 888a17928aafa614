import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { newPrefixedId } from '@hookstream/events';
import {
  type AttemptRecord,
  createKafkaClient,
  DeliveryTask,
  HEADERS,
  resolveTopics,
} from '@hookstream/kafka';
import { readTopic, testBrokers, waitFor } from '@hookstream/testkit';
import type { Producer } from 'kafkajs';
import { type ApiUnderTest, startApi } from '../integration/api-harness.js';

// The attempt log and dead letters, fed by records written to the real attempts and dead-letter
// topics (as the worker writes them), read back through the API. The e2e test
// tests/e2e/src/delivery-operations.e2e.test.ts runs the same flow with the real worker.

let api: ApiUnderTest;
let tenant: { tenantId: string; apiKey: string };
let other: { tenantId: string; apiKey: string };
let producer: Producer;
const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'delivery-log-test' });

before(async () => {
  api = await startApi('delivery-log');
  tenant = await api.newTenant('log');
  other = await api.newTenant('other');
  producer = kafka.producer();
  await producer.connect();
});

after(async () => {
  await producer?.disconnect();
  assert.equal(await api?.stop(), 0, 'clean shutdown');
});

async function subscription(key: string): Promise<string> {
  const created = await api.call(
    'POST',
    '/v1/subscriptions',
    { url: 'http://127.0.0.1:9/hooks', eventTypes: ['card.*'] },
    key,
  );
  assert.equal(created.status, 201);
  return String(created.json.id);
}

/** An attempts-topic record; `outcome` may be one this build does not know (the worker adds some). */
type SentAttempt = Omit<AttemptRecord, 'outcome'> & { outcome: string };

function attempt(
  subscriptionId: string,
  fields: Partial<Omit<AttemptRecord, 'outcome'>> & { outcome: string },
): SentAttempt {
  return {
    id: newPrefixedId('atm_'),
    messageId: newPrefixedId('msg_'),
    eventId: newPrefixedId('evt_'),
    eventType: 'card.created',
    tenantId: tenant.tenantId,
    subscriptionId,
    attempt: 1,
    url: 'http://127.0.0.1:9/hooks',
    startedAt: new Date().toISOString(),
    durationMs: 12.5,
    statusCode: 500,
    error: 'HTTP 500',
    responseBody: 'oops',
    nextAttemptAt: null,
    ...fields,
  };
}

async function sendAttempts(records: SentAttempt[]): Promise<void> {
  await producer.send({
    topic: resolveTopics(api.prefix).attempts,
    acks: -1,
    messages: records.map((record) => ({ key: record.messageId, value: JSON.stringify(record) })),
  });
}

type Row = Record<string, unknown>;

describe('attempt log', () => {
  test('stores every attempt once, outcomes it does not know as they are, newest first with filters and pages', async () => {
    const sub = await subscription(tenant.apiKey);
    const base = Date.parse('2026-11-20T10:00:00.000Z');
    const records = Array.from({ length: 5 }, (_, i) =>
      attempt(sub, {
        outcome: i === 4 ? 'circuit_open' : i % 2 === 0 ? 'retry_scheduled' : 'delivered',
        startedAt: new Date(base + i * 60_000).toISOString(),
        statusCode: i % 2 === 0 ? 500 : 200,
        eventType: i < 2 ? 'card.created' : 'card.transaction.created',
      }),
    );
    // Sent twice: a redelivered record must not become a second row.
    await sendAttempts(records);
    await sendAttempts(records);
    const path = `/v1/subscriptions/${sub}/attempts`;
    const all = await waitFor(
      async () => {
        const response = await api.call('GET', `${path}?limit=100`, undefined, tenant.apiKey);
        return (response.json.data as Row[]).length >= 5 ? response : undefined;
      },
      { description: 'five attempts in the log' },
    );
    const data = all.json.data as Row[];
    assert.equal(data.length, 5, 'each attempt once');
    assert.deepEqual(
      data.map((row) => row.id),
      [...records].reverse().map((record) => record.id),
      'newest first',
    );
    const newest = records[4];
    assert.deepEqual(data[0], {
      id: newest?.id,
      webhookId: newest?.messageId,
      eventId: newest?.eventId,
      eventType: 'card.transaction.created',
      attempt: 1,
      status: 'circuit_open',
      responseCode: 500,
      durationMs: 13,
      responseBodyExcerpt: 'oops',
      error: 'HTTP 500',
      startedAt: newest?.startedAt,
      nextAttemptAt: null,
    });

    const delivered = await api.call('GET', `${path}?status=delivered`, undefined, tenant.apiKey);
    assert.deepEqual(
      (delivered.json.data as Row[]).map((row) => row.id),
      [records[3]?.id, records[1]?.id],
    );
    const byType = await api.call('GET', `${path}?eventType=card.created`, undefined, tenant.apiKey);
    assert.equal((byType.json.data as Row[]).length, 2);
    const window = await api.call(
      'GET',
      `${path}?since=2026-11-20T10:01:00Z&until=2026-11-20T10:03:00Z`,
      undefined,
      tenant.apiKey,
    );
    assert.deepEqual(
      (window.json.data as Row[]).map((row) => row.id),
      [records[2]?.id, records[1]?.id],
      'since inclusive, until exclusive',
    );

    // Pages of two follow each other without gaps or repeats.
    const seen: unknown[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const query: string = cursor === null ? '?limit=2' : `?limit=2&cursor=${cursor}`;
      const response = await api.call('GET', `${path}${query}`, undefined, tenant.apiKey);
      assert.equal(response.status, 200);
      seen.push(...(response.json.data as Row[]).map((row) => row.id));
      cursor = response.json.nextCursor as string | null;
      if (cursor === null) break;
    }
    assert.deepEqual(
      seen,
      [...records].reverse().map((record) => record.id),
    );

    const message = await api.call(
      'GET',
      `/v1/messages/${records[0]?.messageId}/attempts`,
      undefined,
      tenant.apiKey,
    );
    assert.equal(message.status, 200);
    assert.deepEqual(
      (message.json.data as Row[]).map((row) => row.id),
      [records[0]?.id],
    );
  });

  test('another tenant, unknown ids and bad filters are refused', async () => {
    const sub = await subscription(tenant.apiKey);
    const record = attempt(sub, { outcome: 'delivered', statusCode: 200 });
    await sendAttempts([record]);
    await waitFor(async () => {
      const response = await api.call(
        'GET',
        `/v1/messages/${record.messageId}/attempts`,
        undefined,
        tenant.apiKey,
      );
      return response.status === 200;
    });
    for (const path of [
      `/v1/subscriptions/${sub}/attempts`,
      `/v1/subscriptions/${sub}/dead-letters`,
      `/v1/messages/${record.messageId}/attempts`,
    ]) {
      const response = await api.call('GET', path, undefined, other.apiKey);
      assert.equal(response.status, 404, `${path} for another tenant`);
    }
    assert.equal(
      (await api.call('GET', '/v1/subscriptions/sub_nobody/attempts', undefined, tenant.apiKey)).status,
      404,
    );
    assert.equal(
      (await api.call('GET', '/v1/messages/msg_nobody/attempts', undefined, tenant.apiKey)).status,
      404,
    );
    const bad: Array<[string, string]> = [
      [`/v1/subscriptions/${sub}/attempts?since=2026-11-20T10:00:00Z&until=2026-11-19T10:00:00Z`, 'until'],
      [`/v1/subscriptions/${sub}/attempts?since=yesterday`, 'since'],
      [`/v1/subscriptions/${sub}/attempts?cursor=nope`, 'cursor'],
      [`/v1/subscriptions/${sub}/attempts?status=Bad!`, 'status'],
      [`/v1/subscriptions/${sub}/attempts?limit=0`, 'limit'],
      ['/v1/messages/evt_1/attempts', 'webhookId'],
    ];
    for (const [path, field] of bad) {
      const response = await api.call('GET', path, undefined, tenant.apiKey);
      assert.equal(response.status, 400, path);
      assert.ok(
        (response.json.errors as Array<{ field: string }>).some((error) => error.field === field),
        `${path} names ${field}: ${JSON.stringify(response.json)}`,
      );
    }
  });
});

describe('dead letters', () => {
  function task(subscriptionId: string): DeliveryTask {
    return {
      messageId: newPrefixedId('msg_'),
      eventId: newPrefixedId('evt_'),
      eventType: 'card.created',
      tenantId: tenant.tenantId as `ten_${string}`,
      accountId: null,
      subscriptionId: subscriptionId as `sub_${string}`,
      payload: '{"id":"evt_1"}',
      attempt: 3,
      createdAt: new Date().toISOString(),
      notBefore: null,
    } as DeliveryTask;
  }

  async function deadLetter(tasks: DeliveryTask[], reason: string): Promise<void> {
    await producer.send({
      topic: resolveTopics(api.prefix).deadLetter,
      acks: -1,
      messages: [
        ...tasks.map((t) => ({
          key: 'acc_1',
          value: JSON.stringify(t),
          headers: { [HEADERS.deadLetterReason]: reason },
        })),
        // Not a task: the worker dead-letters such records unchanged; it is skipped, not stored.
        { key: 'x', value: 'not json', headers: { [HEADERS.deadLetterReason]: 'invalid delivery task' } },
      ],
    });
  }

  async function letters(sub: string, count: number): Promise<Row[]> {
    return waitFor(
      async () => {
        const response = await api.call(
          'GET',
          `/v1/subscriptions/${sub}/dead-letters`,
          undefined,
          tenant.apiKey,
        );
        const data = response.json.data as Row[];
        return data.length >= count ? data : undefined;
      },
      { description: `${count} dead letters listed` },
    );
  }

  test('are listed with their reason; redrive sends the same webhook-id with attempt 1, once unless forced', async () => {
    const sub = await subscription(tenant.apiKey);
    const tasks = [task(sub), task(sub)];
    await deadLetter(tasks, 'HTTP 500; all 3 attempts failed');
    const listed = await letters(sub, 2);
    assert.equal(listed.length, 2);
    for (const letter of listed) {
      assert.match(String(letter.id), /^dlq_/);
      assert.equal(letter.reason, 'HTTP 500; all 3 attempts failed');
      assert.equal(letter.redrivenAt, null);
      assert.ok(tasks.some((t) => t.messageId === letter.webhookId && t.eventId === letter.eventId));
      assert.equal(letter.eventType, 'card.created');
      assert.ok(!Number.isNaN(Date.parse(String(letter.deadLetteredAt))));
    }

    const first = listed[0];
    const one = await api.call(
      'POST',
      `/v1/subscriptions/${sub}/dead-letters/redrive`,
      { ids: [first?.id] },
      tenant.apiKey,
    );
    assert.equal(one.status, 202);
    assert.deepEqual(one.json, { redriven: 1 });
    const range = await api.call(
      'POST',
      `/v1/subscriptions/${sub}/dead-letters/redrive`,
      { since: '2020-01-01T00:00:00Z' },
      tenant.apiKey,
    );
    assert.deepEqual(range.json, { redriven: 1 }, 'the range skips the letter already redriven');
    const again = await api.call(
      'POST',
      `/v1/subscriptions/${sub}/dead-letters/redrive`,
      { ids: [first?.id] },
      tenant.apiKey,
    );
    assert.deepEqual(again.json, { redriven: 0 }, 'redriving twice sends nothing the second time');
    const forced = await api.call(
      'POST',
      `/v1/subscriptions/${sub}/dead-letters/redrive`,
      { ids: [first?.id], force: true },
      tenant.apiKey,
    );
    assert.deepEqual(forced.json, { redriven: 1 }, 'force sends it again');

    const sent = await readTopic(kafka, resolveTopics(api.prefix).deliveries, 3, {
      where: (record) => tasks.some((t) => record.value?.includes(t.messageId)),
      settleMs: 500,
    });
    const redriven = sent.map((record) => DeliveryTask.parse(JSON.parse(record.value ?? '')));
    assert.equal(redriven.length, 3);
    for (const t of redriven) {
      assert.equal(t.attempt, 1);
      assert.equal(t.notBefore, null);
      const original = tasks.find((candidate) => candidate.messageId === t.messageId);
      assert.ok(original, 'same webhook-id as the dead letter');
      assert.equal(t.payload, original.payload);
    }
    assert.equal(redriven.filter((t) => t.messageId === first?.webhookId).length, 2);

    const after = await api.call('GET', `/v1/subscriptions/${sub}/dead-letters`, undefined, tenant.apiKey);
    assert.ok((after.json.data as Row[]).every((letter) => typeof letter.redrivenAt === 'string'));
  });

  test('redrive: deleted subscription 409, another tenant 404, bad bodies 400', async () => {
    const sub = await subscription(tenant.apiKey);
    await deadLetter([task(sub)], 'gone');
    await letters(sub, 1);
    const path = `/v1/subscriptions/${sub}/dead-letters/redrive`;
    assert.equal((await api.call('POST', path, { since: '2020-01-01T00:00:00Z' }, other.apiKey)).status, 404);
    const bad: Array<[unknown, string]> = [
      [{}, 'since'],
      [{ since: '2026-11-20T10:00:00Z', until: '2026-11-19T10:00:00Z' }, 'until'],
      [{ ids: [] }, 'ids'],
      [{ ids: ['evt_1'] }, 'ids.0'],
      [{ since: '2026-11-20T10:00:00Z', colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of bad) {
      const response = await api.call('POST', path, body, tenant.apiKey);
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.ok(
        (response.json.errors as Array<{ field: string }>).some((error) => error.field === field),
        JSON.stringify(response.json),
      );
    }
    assert.equal(
      (await api.call('DELETE', `/v1/subscriptions/${sub}`, undefined, tenant.apiKey)).status,
      204,
    );
    const listed = await api.call('GET', `/v1/subscriptions/${sub}/dead-letters`, undefined, tenant.apiKey);
    assert.equal(listed.status, 200, 'dead letters of a deleted subscription stay listed');
    const refused = await api.call('POST', path, { since: '2020-01-01T00:00:00Z' }, tenant.apiKey);
    assert.equal(refused.status, 409);
    assert.equal(refused.json.type, 'https://hookstream.dev/problems/subscription-deleted');
    assert.match(String(refused.json.detail), /deleted/);
  });
});

describe('auto-disable', () => {
  test('an endpoint failing every attempt for AUTO_DISABLE_AFTER_MS (default 5 days) is disabled, once, with an operational event', async () => {
    const sub = await subscription(tenant.apiKey);
    const healthy = await subscription(tenant.apiKey);
    const day = 86_400_000;
    const start = Date.parse('2026-11-01T00:00:00.000Z');
    const at = (ms: number) => new Date(start + ms).toISOString();
    // `healthy` failed for 6 days too, but one success in between resets its period.
    // Attempts are keyed by message, so they spread over partitions and one batch may hold a
    // later failure without the success before it. In production attempts reach the recorder
    // seconds after they start, so the test sends them as time would: the day-6 failure only
    // once the day-2 success is recorded.
    const attemptsOf = async (id: string) =>
      (await api.call('GET', `/v1/subscriptions/${id}/attempts`, undefined, tenant.apiKey)).json
        .data as Row[];
    await sendAttempts([
      attempt(sub, { outcome: 'retry_scheduled', startedAt: at(0) }),
      attempt(sub, { outcome: 'retry_scheduled', startedAt: at(3 * day) }),
      attempt(healthy, { outcome: 'retry_scheduled', startedAt: at(0) }),
      attempt(healthy, { outcome: 'delivered', statusCode: 200, startedAt: at(2 * day) }),
    ]);
    await waitFor(async () => (await attemptsOf(healthy)).length === 2);
    await sendAttempts([attempt(healthy, { outcome: 'retry_scheduled', startedAt: at(6 * day) })]);
    await waitFor(async () => (await attemptsOf(healthy)).length === 3);
    assert.equal(
      (await api.call('GET', `/v1/subscriptions/${sub}`, undefined, tenant.apiKey)).json.enabled,
      true,
    );

    await sendAttempts([attempt(sub, { outcome: 'dead_lettered', startedAt: at(5 * day) })]);
    const disabled = await waitFor(
      async () => {
        const response = await api.call('GET', `/v1/subscriptions/${sub}`, undefined, tenant.apiKey);
        return response.json.enabled === false ? response.json : undefined;
      },
      { description: 'the failing subscription disabled' },
    );
    assert.equal(
      disabled.disabledReason,
      'every attempt failed from 2026-11-01T00:00:00.000Z to 2026-11-06T00:00:00.000Z',
    );
    assert.equal(
      (await api.call('GET', `/v1/subscriptions/${healthy}`, undefined, tenant.apiKey)).json.enabled,
      true,
    );

    // One more failure of the disabled subscription announces nothing new.
    await sendAttempts([attempt(sub, { outcome: 'dead_lettered', startedAt: at(7 * day) })]);
    const events = await readTopic(kafka, resolveTopics(api.prefix).events, 1, {
      where: (record) => record.value?.includes(sub) === true,
      settleMs: 1_500,
    });
    assert.equal(events.length, 1, 'one subscription.disabled event');
    const event = JSON.parse(events[0]?.value ?? '{}');
    assert.equal(event.type, 'subscription.disabled');
    assert.equal(event.tenantId, tenant.tenantId);
    assert.equal(event.accountId, undefined);
    assert.deepEqual(
      { ...event.data, disabledAt: undefined },
      {
        subscriptionId: sub,
        url: 'http://127.0.0.1:9/hooks',
        reason: 'failing',
        detail: disabled.disabledReason,
        disabledAt: undefined,
      },
    );
  });
});
