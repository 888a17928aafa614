import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exampleData, newPrefixedId } from '@hookstream/events';
import { createKafkaClient, DeliveryTask, EventPublisher, resolveTopics } from '@hookstream/kafka';
import { readTopic, testBrokers, waitFor } from '@hookstream/testkit';
import pg from 'pg';
import { type ApiUnderTest, startApi } from '../integration/api-harness.js';
import { claimReplay } from './replays.repository.js';

// Replay on the real broker: events published to the events topic, a replay of a window read
// back as delivery tasks on the deliveries topic (no router or worker runs here, so every task
// on that topic is the replay's). The e2e test delivers a replay to a real receiver.

let api: ApiUnderTest;
let tenant: { tenantId: string; apiKey: string };
let other: { tenantId: string; apiKey: string };
let publisher: EventPublisher;
const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'replay-test' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  api = await startApi('replay');
  tenant = await api.newTenant('replay');
  other = await api.newTenant('other');
  publisher = await EventPublisher.connect({
    brokers: testBrokers(),
    clientId: 'replay-test',
    topicPrefix: api.prefix,
  });
});

after(async () => {
  await publisher?.disconnect();
  assert.equal(await api?.stop(), 0, 'clean shutdown');
});

async function subscribe(key: string, body: object): Promise<string> {
  const created = await api.call(
    'POST',
    '/v1/subscriptions',
    { url: 'http://127.0.0.1:9/hooks', ...body },
    key,
  );
  assert.equal(created.status, 201, JSON.stringify(created.json));
  return String(created.json.id);
}

async function publish(
  type: 'card.created' | 'order.created',
  accountId: string,
  tenantId = tenant.tenantId,
) {
  return publisher.publish({ type, tenantId, accountId, data: exampleData(type) as never });
}

describe('replay', () => {
  test('re-reads exactly the window and makes tasks for the one subscription, matching its types and accounts', async () => {
    const sub = await subscribe(tenant.apiKey, { eventTypes: ['card.*'], accountIds: ['acc_a', 'acc_b'] });
    await subscribe(tenant.apiKey, { eventTypes: ['card.*'] });
    const before = [await publish('card.created', 'acc_a')];
    await pause(1_100);
    const since = new Date().toISOString();
    const inside = [await publish('card.created', 'acc_a'), await publish('card.created', 'acc_b')];
    // In the window but not for this subscription: another type, another account, another tenant.
    await publish('order.created', 'acc_a');
    await publish('card.created', 'acc_c');
    await publish('card.created', 'acc_a', other.tenantId);
    await pause(1_100);
    const until = new Date().toISOString();
    const afterwards = [await publish('card.created', 'acc_b')];

    const started = await api.call(
      'POST',
      `/v1/subscriptions/${sub}/replay`,
      { since, until },
      tenant.apiKey,
    );
    assert.equal(started.status, 202, JSON.stringify(started.json));
    const id = String(started.json.id);
    assert.match(id, /^rpl_/);
    const done = await waitFor(
      async () => {
        const response = await api.call('GET', `/v1/replays/${id}`, undefined, tenant.apiKey);
        return response.json.status === 'running' ? undefined : response.json;
      },
      { timeoutMs: 30_000, description: 'the replay finished' },
    );
    assert.equal(done.status, 'succeeded', JSON.stringify(done));
    assert.equal(done.tasksCreated, 2);
    assert.equal(done.eventsScanned, 5, 'every record of the window was read, and only those');
    assert.ok(Date.parse(String(done.finishedAt)) >= Date.parse(String(done.startedAt)));

    const tasks = (await readTopic(kafka, resolveTopics(api.prefix).deliveries, 2, { settleMs: 1_000 })).map(
      (record) => DeliveryTask.parse(JSON.parse(record.value ?? '')),
    );
    assert.deepEqual(tasks.map((task) => task.eventId).sort(), inside.map((event) => event.id).sort());
    for (const task of tasks) {
      assert.equal(task.subscriptionId, sub);
      assert.equal(task.attempt, 1);
      assert.match(task.messageId, /^msg_/);
      assert.equal(JSON.parse(task.payload).id, task.eventId);
    }
    assert.ok(!tasks.some((task) => [...before, ...afterwards].some((event) => event.id === task.eventId)));
    assert.equal(new Set(tasks.map((task) => task.messageId)).size, 2);

    // eventTypes narrows it further: nothing in the window is a card.transaction.created.
    const narrowed = await api.call(
      'POST',
      `/v1/subscriptions/${sub}/replay`,
      { since, until, eventTypes: ['card.transaction.*'] },
      tenant.apiKey,
    );
    assert.equal(narrowed.status, 202);
    const narrowDone = await waitFor(async () => {
      const response = await api.call('GET', `/v1/replays/${narrowed.json.id}`, undefined, tenant.apiKey);
      return response.json.status === 'running' ? undefined : response.json;
    });
    assert.equal(narrowDone.tasksCreated, 0);
  });

  test("applies the subscription's conditions within the window, with conditionResults in the body, and its cooldown", async () => {
    const conditions = [
      { field: 'apr', operator: 'change_pct', value: -2 },
      { field: 'apr', operator: 'lt', value: '6.35' },
    ];
    const sub = await subscribe(tenant.apiKey, { eventTypes: ['rate.changed'], conditions });
    const cooled = await subscribe(tenant.apiKey, {
      eventTypes: ['rate.changed'],
      conditions,
      cooldownMinutes: 60,
    });
    const rate = (apr: string) =>
      publisher.publish({
        type: 'rate.changed',
        tenantId: tenant.tenantId,
        key: 'rates-ca-30y',
        data: { ...exampleData('rate.changed'), apr },
      });
    // Before the window: live state would make 6.50 a 7 % drop; a replay does not see it.
    await rate('7.00');
    await pause(1_100);
    const since = new Date().toISOString();
    // 6.50: first of the window, no previous value → not sent; 6.30: −3.1 % and < 6.35 → sent;
    // 6.25: −0.8 % → not sent; 6.00: −4 % → sent (but inside the cooldown of the 6.30 one).
    const window = [await rate('6.50'), await rate('6.30'), await rate('6.25'), await rate('6.00')];
    await pause(1_100);
    const until = new Date().toISOString();

    const runReplay = async (subscriptionId: string) => {
      const started = await api.call(
        'POST',
        `/v1/subscriptions/${subscriptionId}/replay`,
        { since, until },
        tenant.apiKey,
      );
      assert.equal(started.status, 202, JSON.stringify(started.json));
      return waitFor(
        async () => {
          const response = await api.call('GET', `/v1/replays/${started.json.id}`, undefined, tenant.apiKey);
          return response.json.status === 'running' ? undefined : response.json;
        },
        { timeoutMs: 30_000, description: 'the replay finished' },
      );
    };
    const done = await runReplay(sub);
    assert.equal(done.status, 'succeeded', JSON.stringify(done));
    assert.equal(done.eventsScanned, 4);
    assert.equal(done.tasksCreated, 2);
    const tasks = (
      await readTopic(kafka, resolveTopics(api.prefix).deliveries, 2, {
        settleMs: 1_000,
        where: (record) => DeliveryTask.parse(JSON.parse(record.value ?? '')).subscriptionId === sub,
      })
    ).map((record) => DeliveryTask.parse(JSON.parse(record.value ?? '')));
    assert.deepEqual(
      tasks.map((task) => task.eventId),
      [window[1]?.id, window[3]?.id],
    );
    const [first, second] = tasks.map((task) => JSON.parse(task.payload));
    assert.deepEqual(first.conditionResults, [
      {
        field: 'apr',
        operator: 'change_pct',
        threshold: -2,
        actualValue: '6.30',
        passed: true,
        previousValue: '6.5',
        currentValue: '6.3',
        changePct: '-3.076923',
      },
      { field: 'apr', operator: 'lt', threshold: '6.35', actualValue: '6.30', passed: true },
    ]);
    assert.equal(
      second.conditionResults[0].previousValue,
      '6.25',
      'compared with the previous event, sent or not',
    );
    assert.equal(second.data.apr, '6.00');

    const cooledDone = await runReplay(cooled);
    assert.equal(cooledDone.status, 'succeeded', JSON.stringify(cooledDone));
    assert.equal(cooledDone.tasksCreated, 1, 'the second passing event is within 60 minutes of the first');
  });

  test('refuses reversed, unbounded and too old windows, unknown ids and other tenants', async () => {
    const sub = await subscribe(tenant.apiKey, { eventTypes: ['card.*'] });
    const path = `/v1/subscriptions/${sub}/replay`;
    const hour = 3_600_000;
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    const bad: Array<[object, string, RegExp]> = [
      [{ since: ago(hour), until: ago(2 * hour) }, 'until', /later than since/],
      [{ since: ago(hour) }, 'until', /./],
      [{ until: ago(hour) }, 'since', /./],
      [{}, 'since', /./],
      [{ since: ago(8 * 24 * hour), until: ago(hour) }, 'since', /retention \(7 days/],
      [
        {
          since: new Date(Date.now() + hour).toISOString(),
          until: new Date(Date.now() + 2 * hour).toISOString(),
        },
        'since',
        /past/,
      ],
      [{ since: ago(hour), until: ago(0), eventTypes: ['not a type!'] }, 'eventTypes.0', /./],
      [{ since: 'last week', until: ago(0) }, 'since', /ISO 8601/],
    ];
    for (const [body, field, message] of bad) {
      const response = await api.call('POST', path, body, tenant.apiKey);
      assert.equal(response.status, 400, JSON.stringify(body));
      const error = (response.json.errors as Array<{ field: string; message: string }>).find(
        (e) => e.field === field,
      );
      assert.ok(error, `${JSON.stringify(body)} names ${field}: ${JSON.stringify(response.json)}`);
      assert.match(error.message, message);
    }
    const window = { since: ago(hour), until: ago(0) };
    assert.equal((await api.call('POST', path, window, other.apiKey)).status, 404, 'another tenant');
    assert.equal(
      (await api.call('POST', '/v1/subscriptions/sub_nobody/replay', window, tenant.apiKey)).status,
      404,
    );
    assert.equal((await api.call('GET', '/v1/replays/rpl_nobody', undefined, tenant.apiKey)).status, 404);
    assert.equal((await api.call('GET', '/v1/replays/sub_1', undefined, tenant.apiKey)).status, 400);
    const started = await api.call('POST', path, window, tenant.apiKey);
    assert.equal(started.status, 202);
    assert.equal(
      (await api.call('GET', `/v1/replays/${started.json.id}`, undefined, other.apiKey)).status,
      404,
    );
    await api.call('PATCH', `/v1/subscriptions/${sub}`, { enabled: false }, tenant.apiKey);
    const disabled = await api.call('POST', path, window, tenant.apiKey);
    assert.equal(disabled.status, 409);
    assert.equal(disabled.json.type, 'https://hookstream.dev/problems/subscription-disabled');
  });
});

describe('replay start', () => {
  test('of several starts of one subscription at the same instant, exactly one is recorded', async () => {
    const sub = await subscribe(tenant.apiKey, { eventTypes: ['card.*'] });
    const otherSub = await subscribe(tenant.apiKey, { eventTypes: ['card.*'] });
    // Straight against the repository: no runner, so no replay can finish between the starts.
    const pool = new pg.Pool({ connectionString: api.database.url, max: 6 });
    try {
      const window = {
        since: '2026-11-01T00:00:00.000Z',
        until: '2026-11-02T00:00:00.000Z',
        eventTypes: null,
      };
      const claims = await Promise.all(
        Array.from({ length: 6 }, () =>
          claimReplay(pool, {
            id: newPrefixedId('rpl_'),
            tenantId: tenant.tenantId,
            subscriptionId: sub,
            ...window,
          }),
        ),
      );
      assert.deepEqual(
        claims.filter((claimed) => claimed),
        [true],
        `claims: ${claims.join(', ')}`,
      );
      const rows = await pool.query(
        "SELECT id FROM replays WHERE subscription_id = $1 AND status = 'running'",
        [sub],
      );
      assert.equal(rows.rowCount, 1);
      // Another subscription is not held up by it.
      assert.equal(
        await claimReplay(pool, {
          id: newPrefixedId('rpl_'),
          tenantId: tenant.tenantId,
          subscriptionId: otherSub,
          ...window,
        }),
        true,
      );
    } finally {
      await pool.end();
    }
  });
});
