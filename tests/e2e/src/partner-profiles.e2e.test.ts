import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { exampleData } from '@hookstream/events';
import { createKafkaClient, DeliveryTask, EventPublisher, resolveTopics } from '@hookstream/kafka';
import {
  type ReceivedRequest,
  readTopic,
  startReceiver,
  type TestReceiver,
  testBrokers,
} from '@hookstream/testkit';
import { apiRequest, type Platform, startPlatform } from './platform.js';

/**
 * One deployment serves four partners at once, each with one subscription made from a preset.
 * Each captured request is checked the way that partner's own documentation verifies it: raw
 * node:crypto code over the received bytes and headers, not Hookstream's receiver SDK.
 */

const partnerSecret = '9f3b2c1e-7a4d-4e8b-9c6f-2d1a0b3e4f5a';

const hmac = (algorithm: 'sha256' | 'sha512', content: string) =>
  createHmac(algorithm, partnerSecret).update(content, 'utf8');

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

describe('partner profiles reproduce each partner webhook end to end', () => {
  let platform: Platform;
  let receiver: TestReceiver;
  let apiKey: string;
  let publisher: EventPublisher;
  let tenantId: string;

  const requestsTo = async (path: string, count: number): Promise<ReceivedRequest[]> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = receiver.requests.filter((request) => request.path === path);
      if (found.length >= count) return found;
      if (Date.now() > deadline)
        throw new Error(`${count} requests to ${path} did not arrive (got ${found.length})`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const subscribe = async (body: Record<string, unknown>) => {
    const created = await apiRequest(platform, 'POST', '/v1/subscriptions', apiKey, body);
    assert.equal(created.status, 201, JSON.stringify(created.json));
    return created.json;
  };
  const publishCard = (accountId: string) =>
    publisher.publish({ type: 'card.created', tenantId, accountId, data: exampleData('card.created') });

  before(async () => {
    platform = await startPlatform('e2e-partners');
    receiver = await startReceiver(() => ({ status: 200 }));
    const tenant = await platform.createTenant('partners');
    apiKey = tenant.apiKey;
    tenantId = tenant.tenantId;
    publisher = await EventPublisher.connect({
      brokers: testBrokers(),
      clientId: 'e2e-partners-producer',
      topicPrefix: platform.topicPrefix,
    });
  });

  after(async () => {
    await publisher?.disconnect();
    const exitCodes = await platform?.stop();
    await receiver?.close();
    assert.deepEqual(exitCodes, { 'delivery-worker': 0, router: 0, 'subscription-api': 0 });
  });

  test('Ratio: ratio-webhook-signature = hex HMAC-SHA512 of `timestamp.body`; body {userId, event, data}', async () => {
    await subscribe({
      url: `${receiver.url}/ratio`,
      eventTypes: ['card.created'],
      accountIds: ['acc_ratio'],
      profile: 'ratio',
      secret: partnerSecret,
    });
    await publishCard('acc_ratio');
    const [request] = await requestsTo('/ratio', 1);
    assert.ok(request);
    const timestamp = String(request.headers['ratio-webhook-signature-timestamp']);
    const signature = String(request.headers['ratio-webhook-signature']);
    // Ratio's sample verifies against JSON.stringify of the parsed body.
    const body = JSON.parse(request.rawBody.toString('utf8')) as Record<string, unknown>;
    const expected = hmac('sha512', `${timestamp}.${JSON.stringify(body)}`).digest('hex');
    assert.ok(same(signature, expected), 'signature verifies as Ratio documents');
    assert.match(timestamp, /^\d{10}$/);
    assert.deepEqual(Object.keys(body), ['userId', 'event', 'data']);
    assert.equal(body.userId, 'acc_ratio');
    assert.equal(body.event, 'card.created');
    assert.deepEqual(body.data, exampleData('card.created'));
    assert.equal(request.headers['webhook-signature'], undefined, 'no Standard Webhooks headers');
  });

  test('RateAPI: X-RateAPI-Signature: sha256=<hex> of the body, X-RateAPI-Timestamp, X-RateAPI-Event-Id = the event id', async () => {
    await subscribe({
      url: `${receiver.url}/rateapi`,
      eventTypes: ['card.created'],
      accountIds: ['acc_rateapi'],
      profile: 'rateapi',
      secret: partnerSecret,
    });
    const event = await publishCard('acc_rateapi');
    const [request] = await requestsTo('/rateapi', 1);
    assert.ok(request);
    const expected = `sha256=${hmac('sha256', request.rawBody.toString('utf8')).digest('hex')}`;
    assert.ok(
      same(String(request.headers['x-rateapi-signature']), expected),
      'signature verifies as RateAPI documents',
    );
    assert.match(String(request.headers['x-rateapi-timestamp']), /^\d{10}$/);
    assert.equal(request.headers['x-rateapi-event-id'], event.id);
    assert.equal(request.headers['x-webhook-id'], undefined, 'no default-named headers');
    assert.equal((JSON.parse(request.rawBody.toString('utf8')) as { id: string }).id, event.id);
  });

  test('KYC provider: X-Webhook-ID, X-Webhook-Timestamp, X-Webhook-Signature: sha256=<hex>; body {id, type, created, data}', async () => {
    await subscribe({
      url: `${receiver.url}/kyc`,
      eventTypes: ['card.created'],
      accountIds: ['acc_kyc'],
      profile: 'kyc',
      secret: partnerSecret,
    });
    const publishedAt = Math.floor(Date.now() / 1000);
    const event = await publishCard('acc_kyc');
    const [request] = await requestsTo('/kyc', 1);
    assert.ok(request);
    const expected = `sha256=${hmac('sha256', request.rawBody.toString('utf8')).digest('hex')}`;
    assert.ok(
      same(String(request.headers['x-webhook-signature']), expected),
      'signature verifies as documented',
    );
    assert.match(String(request.headers['x-webhook-id']), /^msg_/);
    assert.match(String(request.headers['x-webhook-timestamp']), /^\d{10}$/);
    const body = JSON.parse(request.rawBody.toString('utf8')) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['id', 'type', 'created', 'data']);
    assert.equal(body.id, event.id);
    assert.ok(Number.isInteger(body.created), 'Unix seconds');
    assert.ok(Math.abs(Number(body.created) - publishedAt) <= 5, 'when the event occurred');
  });

  test('Equals: x-em-signature = base64 HMAC-SHA256 of the body, plus the customer-set Authorization header', async () => {
    const created = await subscribe({
      url: `${receiver.url}/equals`,
      eventTypes: ['card.created'],
      accountIds: ['acc_equals'],
      profile: 'equals',
      secret: partnerSecret,
      headers: { Authorization: 'ApiKey eq-live-0123456789' },
    });
    assert.deepEqual(created.headers, { Authorization: '****6789' }, 'masked in the answer');
    await publishCard('acc_equals');
    const [request] = await requestsTo('/equals', 1);
    assert.ok(request);
    const expected = hmac('sha256', request.rawBody.toString('utf8')).digest('base64');
    assert.ok(
      same(String(request.headers['x-em-signature']), expected),
      'signature verifies as Equals documents',
    );
    assert.equal(request.headers.authorization, 'ApiKey eq-live-0123456789');
  });

  test('after a PATCH 200 routed events use the new settings; after a DELETE 204 nothing is routed to it', async () => {
    const created = await subscribe({
      url: `${receiver.url}/patched`,
      eventTypes: ['card.created'],
      accountIds: ['acc_patch'],
    });
    const id = String(created.id);
    // A second subscription to the same account: proof that later events were routed at all.
    await subscribe({
      url: `${receiver.url}/witness`,
      eventTypes: ['card.created'],
      accountIds: ['acc_patch'],
    });

    await publishCard('acc_patch');
    const [before] = await requestsTo('/patched', 1);
    assert.ok('timestamp' in JSON.parse(before?.rawBody.toString('utf8') ?? '{}'), 'standard shape first');

    const patched = await apiRequest(platform, 'PATCH', `/v1/subscriptions/${id}`, apiKey, {
      payloadFormat: 'event-data',
    });
    assert.equal(patched.status, 200);
    await publishCard('acc_patch');
    const [, afterPatch] = await requestsTo('/patched', 2);
    assert.deepEqual(Object.keys(JSON.parse(afterPatch?.rawBody.toString('utf8') ?? '{}')), [
      'userId',
      'event',
      'data',
    ]);

    assert.equal((await apiRequest(platform, 'DELETE', `/v1/subscriptions/${id}`, apiKey)).status, 204);
    const last = await publishCard('acc_patch');
    await requestsTo('/witness', 3);
    const kafka = createKafkaClient({ brokers: testBrokers(), clientId: 'e2e-partners-reader' });
    const tasks = await readTopic(kafka, resolveTopics(platform.topicPrefix).deliveries, 1, {
      timeoutMs: 10_000,
      where: (record) => DeliveryTask.parse(JSON.parse(record.value ?? '{}')).eventId === last.id,
      settleMs: 1_000,
    });
    assert.deepEqual(
      tasks
        .map((record) => DeliveryTask.parse(JSON.parse(record.value ?? '{}')).subscriptionId)
        .filter((sub) => sub === id),
      [],
      'no task for the deleted subscription',
    );
    assert.equal(receiver.requests.filter((request) => request.path === '/patched').length, 2);
  });
});
