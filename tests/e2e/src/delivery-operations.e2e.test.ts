import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exampleData } from '@hookstream/events';
import { createKafkaClient, EventPublisher, resolveTopics } from '@hookstream/kafka';
import { startReceiver, type TestReceiver, testBrokers, waitFor } from '@hookstream/testkit';
import { apiRequest, type Platform, startPlatform } from './platform.js';

/**
 * What happened to my webhook (issue 10), on the three services as real processes: attempts
 * and dead letters of a receiver that is down, read through the API; redrive once it is back;
 * a 410 Gone disabling the subscription with an operational event to the tenant.
 */
describe('delivery operations', () => {
  let platform: Platform;
  let receiver: TestReceiver;
  let tenant: { tenantId: string; apiKey: string };
  let publisher: EventPublisher;
  /** The receiver's /down endpoint answers 500 while this is true. */
  let down = true;

  before(async () => {
    // Two attempts (the second after the 5 s tier), then the dead-letter topic.
    platform = await startPlatform('e2e-operations', { DELIVERY_MAX_ATTEMPTS: '2' });
    receiver = await startReceiver((request) => {
      if (request.path === '/down') return { status: down ? 500 : 204, body: down ? 'maintenance' : '' };
      if (request.path === '/gone') return { status: 410, body: 'retired' };
      return { status: 204 };
    });
    tenant = await platform.createTenant('e2e-operations');
    publisher = await EventPublisher.connect({
      brokers: testBrokers(),
      clientId: 'e2e-operations',
      topicPrefix: platform.topicPrefix,
    });
  });

  after(async () => {
    await publisher?.disconnect();
    const exitCodes = await platform?.stop();
    await receiver?.close();
    assert.deepEqual(exitCodes, { 'delivery-worker': 0, router: 0, 'subscription-api': 0 });
  });

  const call = (method: string, path: string, body?: unknown) =>
    apiRequest(platform, method, path, tenant.apiKey, body);

  async function subscribe(path: string, eventTypes: string[]): Promise<string> {
    const created = await call('POST', '/v1/subscriptions', { url: `${receiver.url}${path}`, eventTypes });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    return String(created.json.id);
  }

  type Row = Record<string, unknown>;

  test('a receiver that is down: attempts and dead letters in the API, redrive after it recovers keeps the webhook-id', async () => {
    const sub = await subscribe('/down', ['card.created']);
    const since = new Date(Date.now() - 1_000).toISOString();
    const events = [];
    for (let i = 0; i < 2; i++) {
      events.push(
        await publisher.publish({
          type: 'card.created',
          tenantId: tenant.tenantId,
          accountId: 'acc_ops',
          data: exampleData('card.created'),
        }),
      );
    }

    const letters = await waitFor(
      async () => {
        const response = await call('GET', `/v1/subscriptions/${sub}/dead-letters`);
        const data = response.json.data as Row[];
        return data.length >= 2 ? data : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, description: 'two dead letters listed' },
    );
    assert.deepEqual(letters.map((letter) => letter.eventId).sort(), events.map((event) => event.id).sort());
    for (const letter of letters) {
      assert.match(String(letter.reason), /500/);
      assert.equal(letter.redrivenAt, null);
    }

    const attempts = await waitFor(
      async () => {
        const data = (await call('GET', `/v1/subscriptions/${sub}/attempts`)).json.data as Row[];
        return data.length >= 4 ? data : undefined;
      },
      { timeoutMs: 30_000, description: 'four attempts logged' },
    );
    assert.equal(attempts.length, 4, 'two attempts per event');
    for (const attempt of attempts) {
      assert.equal(attempt.responseCode, 500);
      assert.equal(attempt.responseBodyExcerpt, 'maintenance');
      assert.ok(Date.parse(String(attempt.startedAt)) >= Date.parse(since));
    }
    const byStatus = (status: string) => attempts.filter((attempt) => attempt.status === status);
    assert.equal(byStatus('retry_scheduled').length, 2);
    assert.equal(byStatus('dead_lettered').length, 2);
    for (const retry of byStatus('retry_scheduled')) {
      assert.equal(retry.attempt, 1);
      assert.ok(Date.parse(String(retry.nextAttemptAt)) > Date.parse(String(retry.startedAt)));
    }
    // Newest first.
    const times = attempts.map((attempt) => Date.parse(String(attempt.startedAt)));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => b - a),
    );

    const webhookId = String(letters[0]?.webhookId);
    const ofMessage = await call('GET', `/v1/messages/${webhookId}/attempts`);
    assert.deepEqual(
      (ofMessage.json.data as Row[]).map((attempt) => attempt.attempt),
      [2, 1],
    );

    down = false;
    const failedBefore = receiver.requests.length;
    const redrive = await call('POST', `/v1/subscriptions/${sub}/dead-letters/redrive`, { since });
    assert.equal(redrive.status, 202);
    assert.deepEqual(redrive.json, { redriven: 2 });
    const all = await receiver.waitForRequests(failedBefore + 2, 30_000);
    const redelivered = all.slice(failedBefore).map((request) => String(request.headers['webhook-id']));
    assert.deepEqual(
      redelivered.sort(),
      letters.map((letter) => String(letter.webhookId)).sort(),
      'the same webhook-ids as the failed attempts',
    );

    await waitFor(
      async () => {
        const data = (await call('GET', `/v1/subscriptions/${sub}/attempts?status=delivered`)).json
          .data as Row[];
        return data.length === 2;
      },
      { description: 'two delivered attempts logged' },
    );
    const listed = (await call('GET', `/v1/subscriptions/${sub}/dead-letters`)).json.data as Row[];
    assert.ok(listed.every((letter) => typeof letter.redrivenAt === 'string'));
    const again = await call('POST', `/v1/subscriptions/${sub}/dead-letters/redrive`, { since });
    assert.deepEqual(again.json, { redriven: 0 }, 'a second redrive delivers nothing twice');
  });

  test('a 410 Gone disables the subscription and sends subscription.disabled to the tenant', async () => {
    const gone = await subscribe('/gone', ['card.transaction.created']);
    const ops = await subscribe('/ops', ['subscription.*']);
    await publisher.publish({
      type: 'card.transaction.created',
      tenantId: tenant.tenantId,
      accountId: 'acc_ops',
      data: exampleData('card.transaction.created'),
    });

    const disabled = await waitFor(
      async () => {
        const response = await call('GET', `/v1/subscriptions/${gone}`);
        return response.json.enabled === false ? response.json : undefined;
      },
      { timeoutMs: 30_000, description: 'the subscription disabled' },
    );
    assert.match(String(disabled.disabledReason), /410 Gone/);

    const operational = await waitFor(() => receiver.requests.find((request) => request.path === '/ops'), {
      timeoutMs: 30_000,
      description: 'the operational event delivered',
    });
    const body = JSON.parse(operational.rawBody.toString('utf8')) as { type: string; data: Row };
    assert.equal(body.type, 'subscription.disabled');
    assert.equal(body.data.subscriptionId, gone);
    assert.equal(body.data.reason, 'gone');
    assert.equal(body.data.detail, disabled.disabledReason);
    assert.ok(ops);

    // Enabling it again clears the platform's reason.
    const enabled = await call('PATCH', `/v1/subscriptions/${gone}`, { enabled: true });
    assert.equal(enabled.json.enabled, true);
    assert.equal(enabled.json.disabledReason, null);
  });

  test('a replay delivers exactly the events of its window to the one subscription and none to others', async () => {
    const replayed = await subscribe('/replay', ['order.*']);
    await subscribe('/bystander', ['order.*']);
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const publish = () =>
      publisher.publish({
        type: 'order.created',
        tenantId: tenant.tenantId,
        accountId: 'acc_ops',
        data: exampleData('order.created'),
      });
    await publish();
    await pause(1_100);
    const since = new Date().toISOString();
    const inside = [await publish(), await publish(), await publish()];
    await pause(1_100);
    const until = new Date().toISOString();
    await publish();
    // Live routing: all five events to each of the two subscriptions.
    const live = (path: string) => receiver.requests.filter((request) => request.path === path);
    await waitFor(() => live('/replay').length === 5 && live('/bystander').length === 5, {
      timeoutMs: 30_000,
      description: 'live deliveries',
    });

    const started = await call('POST', `/v1/subscriptions/${replayed}/replay`, { since, until });
    assert.equal(started.status, 202);
    const done = await waitFor(
      async () => {
        const progress = (await call('GET', `/v1/replays/${started.json.id}`)).json;
        return progress.status === 'running' ? undefined : progress;
      },
      { timeoutMs: 30_000, description: 'the replay finished' },
    );
    assert.equal(done.status, 'succeeded');
    assert.equal(done.tasksCreated, 3, JSON.stringify(done));
    await waitFor(() => live('/replay').length >= 8, {
      timeoutMs: 30_000,
      description: 'replayed deliveries',
    });
    // Read on: a fourth replayed delivery, or one to the bystander, would show up now.
    await pause(1_500);
    const replays = live('/replay').slice(5);
    const seen = (path: string) =>
      live(path).map(
        (request) => `${request.headers['webhook-id']} ${JSON.parse(request.rawBody.toString('utf8')).id}`,
      );
    assert.equal(
      replays.length,
      3,
      JSON.stringify({ replay: seen('/replay'), bystander: seen('/bystander') }),
    );
    assert.deepEqual(
      replays.map((request) => JSON.parse(request.rawBody.toString('utf8')).id).sort(),
      inside.map((event) => event.id).sort(),
    );
    const liveIds = new Set(
      live('/replay')
        .slice(0, 4)
        .map((request) => request.headers['webhook-id']),
    );
    assert.ok(
      replays.every((request) => !liveIds.has(request.headers['webhook-id'])),
      'a replay is a new message (its own webhook-id)',
    );
    assert.equal(live('/bystander').length, 5, 'no other subscription receives the replay');
  });

  test('quarantined events are counted per reason code in the router metrics, with no tenant in the labels', async () => {
    const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'e2e-operations-raw' });
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({
      topic: resolveTopics(platform.topicPrefix).events,
      messages: [
        { key: 'acc_ops', value: '{"not": json' },
        {
          key: 'acc_ops',
          value: JSON.stringify({
            id: 'evt_unknowntype',
            type: 'card.teleported',
            tenantId: tenant.tenantId,
            occurredAt: new Date().toISOString(),
            data: {},
          }),
        },
      ],
    });
    await raw.disconnect();
    const metrics = await waitFor(
      async () => {
        const text = await (await fetch(`${platform.serviceUrls.router}/metrics`)).text();
        return /hookstream_router_events_quarantined_total\{[^}]*code="unknown_type"[^}]*\} 1/.test(text)
          ? text
          : undefined;
      },
      { timeoutMs: 30_000, description: 'the quarantine counted' },
    );
    assert.match(metrics, /hookstream_router_events_quarantined_total\{[^}]*code="invalid_json"[^}]*\} 1/);
    const lines = metrics
      .split('\n')
      .filter((line) => line.startsWith('hookstream_router_events_quarantined_total'));
    assert.ok(lines.length > 0);
    for (const line of lines) assert.ok(!line.includes(tenant.tenantId) && !line.includes('tenant'), line);
  });
});
