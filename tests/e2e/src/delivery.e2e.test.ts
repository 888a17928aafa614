import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exampleData, exampleEvent } from '@hookstream/events';
import { createKafkaClient, EventPublisher, HEADERS, resolveTopics } from '@hookstream/kafka';
import { verifyWebhook } from '@hookstream/signatures/verify';
import { readTopic, startReceiver, type TestReceiver, testBrokers } from '@hookstream/testkit';
import { apiRequest, type Platform, startPlatform } from './platform.js';

/**
 * The whole slice on real parts: a subscription created over HTTP, events published with the
 * producer SDK to the real broker, routed and delivered by the services as real processes to a
 * real HTTP receiver that checks every signature with the receiver SDK.
 */
describe('events flow from Kafka to signed POSTs', () => {
  let platform: Platform;
  let receiver: TestReceiver;
  let tenant: { tenantId: string; apiKey: string };

  before(async () => {
    platform = await startPlatform('e2e-delivery');
    receiver = await startReceiver(() => ({ status: 204 }));
    tenant = await platform.createTenant('e2e');
  });

  after(async () => {
    const exitCodes = await platform?.stop();
    await receiver?.close();
    // Clean SIGTERM shutdown: every service drains, commits and exits 0.
    assert.deepEqual(exitCodes, { 'delivery-worker': 0, router: 0, 'subscription-api': 0 });
  });

  test('a malformed event is quarantined with its reason and the good events behind it are delivered, signed', async () => {
    const created = await apiRequest(platform, 'POST', '/v1/subscriptions', tenant.apiKey, {
      url: `${receiver.url}/hooks`,
      eventTypes: ['card.*'],
      description: 'e2e',
    });
    assert.equal(created.status, 201);
    const secret = created.json.secret;
    assert.equal(typeof secret, 'string');
    assert.match(String(secret), /^whsec_/);

    const topics = resolveTopics(platform.topicPrefix);
    const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'e2e-test' });
    const raw = kafka.producer();
    await raw.connect();
    // Same key as the good events: same partition, so they sit behind the bad ones.
    await raw.send({
      topic: topics.events,
      messages: [
        { key: 'acc_e2e', value: '{"id": "evt_broken", not json' },
        {
          key: 'acc_e2e',
          value: JSON.stringify({
            id: 'evt_unknown1',
            type: 'card.teleported',
            tenantId: tenant.tenantId,
            occurredAt: new Date().toISOString(),
            data: {},
          }),
        },
        {
          key: 'acc_e2e',
          // A known type whose data breaks its schema.
          value: JSON.stringify({
            ...exampleEvent('card.created', { tenantId: tenant.tenantId as `ten_${string}` }),
            data: { cardId: 42 },
          }),
        },
      ],
    });
    await raw.disconnect();

    const publisher = await EventPublisher.connect({
      brokers: testBrokers(),
      clientId: 'e2e-producer',
      topicPrefix: platform.topicPrefix,
    });
    const published = [];
    published.push(
      await publisher.publish({
        type: 'kyc.verification.success',
        tenantId: tenant.tenantId,
        accountId: 'acc_e2e',
        data: exampleData('kyc.verification.success'),
      }),
    );
    for (const type of ['card.created', 'card.transaction.created', 'card.3ds_auth.requested'] as const) {
      published.push(
        await publisher.publish({
          type,
          tenantId: tenant.tenantId,
          accountId: 'acc_e2e',
          data: exampleData(type),
        }),
      );
    }
    await publisher.disconnect();
    const cardEventIds = published.slice(1).map((event) => event.id);

    const requests = await receiver.waitForRequests(3, 30_000);
    const deliveredIds = new Set<string>();
    for (const request of requests) {
      const verified = verifyWebhook(request.rawBody, request.headers, String(secret));
      assert.ok(verified.ok, `signature must verify: ${JSON.stringify(verified)}`);
      assert.equal(request.path, '/hooks');
      assert.equal(request.headers['content-type'], 'application/json');
      assert.match(String(request.headers['webhook-id']), /^msg_/);
      const body = JSON.parse(request.rawBody.toString('utf8')) as {
        id: string;
        type: string;
        data: unknown;
      };
      assert.ok(body.type.startsWith('card.'), `only card.* is subscribed, got ${body.type}`);
      assert.equal(
        JSON.stringify(JSON.parse(request.rawBody.toString('utf8'))),
        request.rawBody.toString('utf8'),
        'compact JSON',
      );
      deliveredIds.add(body.id);
    }
    assert.deepEqual([...deliveredIds].sort(), [...cardEventIds].sort());

    const quarantined = await readTopic(kafka, topics.quarantine, 3, { settleMs: 500 });
    assert.equal(quarantined.length, 3);
    const byCode = Object.fromEntries(
      quarantined.map((record) => [record.headers[HEADERS.quarantineCode], record]),
    );
    assert.equal(byCode.invalid_json?.value, '{"id": "evt_broken", not json', 'quarantined unchanged');
    assert.ok(byCode.invalid_json?.headers[HEADERS.quarantineReason], 'the reason is in a header');
    assert.match(byCode.unknown_type?.headers[HEADERS.quarantineReason] ?? '', /card\.teleported/);
    assert.equal(byCode.invalid_json?.headers[HEADERS.sourceTopic], topics.events);
    assert.match(byCode.invalid_data?.headers[HEADERS.quarantineReason] ?? '', /data\./, 'names the field');

    // Read on for a second after the third: a fourth (a duplicate, or the kyc event) would show.
    const attempts = await readTopic(kafka, topics.attempts, 3, { settleMs: 1_000 });
    assert.equal(attempts.length, 3, 'exactly one attempt per card event; the kyc event matched nothing');
    for (const attempt of attempts) assert.equal(JSON.parse(attempt.value ?? '{}').outcome, 'delivered');
  });

  test('the API answers bad requests with problem+json naming the field, 401 and 404', async () => {
    const invalid = await apiRequest(platform, 'POST', '/v1/subscriptions', tenant.apiKey, {
      url: 'ftp://example.com',
      eventTypes: ['card.nope'],
    });
    assert.equal(invalid.status, 400);
    assert.match(invalid.contentType ?? '', /^application\/problem\+json/);
    const fields = (invalid.json.errors as Array<{ field: string }>).map((error) => error.field).sort();
    assert.deepEqual(fields, ['eventTypes.0', 'url']);

    const noKey = await apiRequest(platform, 'GET', '/v1/subscriptions', null);
    assert.equal(noKey.status, 401);
    assert.match(noKey.contentType ?? '', /^application\/problem\+json/);
    const wrongKey = await apiRequest(platform, 'GET', '/v1/subscriptions', 'hsk_not-a-real-key');
    assert.equal(wrongKey.status, 401);

    const other = await platform.createTenant('other');
    const mine = await apiRequest(platform, 'POST', '/v1/subscriptions', tenant.apiKey, {
      url: `${receiver.url}/x`,
      eventTypes: ['*'],
    });
    assert.equal(mine.status, 201);
    const theirs = await apiRequest(
      platform,
      'GET',
      `/v1/subscriptions/${String(mine.json.id)}`,
      other.apiKey,
    );
    assert.equal(theirs.status, 404);
    assert.match(theirs.contentType ?? '', /^application\/problem\+json/);
  });
});
