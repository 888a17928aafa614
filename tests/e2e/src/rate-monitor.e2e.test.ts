import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exampleData } from '@hookstream/events';
import { EventPublisher } from '@hookstream/kafka';
import { verifyWebhook } from '@hookstream/signatures/verify';
import { startReceiver, type TestReceiver, testBrokers, waitFor } from '@hookstream/testkit';
import { apiRequest, type Platform, startPlatform } from './platform.js';

/**
 * The partner's documented rate monitor, end to end: a customer wants to hear when the APR of
 * California 30-year fixed mortgages is below 6.25 %, at most once an hour, and each alert
 * says which conditions passed. A subscription is created over HTTP, a sequence of rate
 * changes is published with the producer SDK, and the receiver gets exactly the expected ones.
 */

let platform: Platform;
let receiver: TestReceiver;
let publisher: EventPublisher;
let tenantId: string;
let apiKey: string;

before(async () => {
  platform = await startPlatform('e2e-rates');
  receiver = await startReceiver(() => ({ status: 200 }));
  ({ tenantId, apiKey } = await platform.createTenant('rates'));
  publisher = await EventPublisher.connect({
    brokers: testBrokers(),
    clientId: 'e2e-rates-producer',
    topicPrefix: platform.topicPrefix,
  });
});

after(async () => {
  await publisher?.disconnect();
  const exitCodes = await platform?.stop();
  await receiver?.close();
  assert.deepEqual(exitCodes, { 'delivery-worker': 0, router: 0, 'subscription-api': 0 });
});

/** Sum of a counter's samples in a /metrics text. */
function counter(metricsText: string, name: string): number {
  let sum = 0;
  for (const line of metricsText.split('\n'))
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}
const routerMetrics = async () => (await fetch(`${platform.serviceUrls.router}/metrics`)).text();

test('rate.changed with state eq CA, productType eq mortgage_30y_fixed, apr lt 6.25, cooldown 60 min', async () => {
  const created = await apiRequest(platform, 'POST', '/v1/subscriptions', apiKey, {
    url: `${receiver.url}/rates`,
    eventTypes: ['rate.changed'],
    conditions: [
      { field: 'state', operator: 'eq', value: 'CA' },
      { field: 'productType', operator: 'eq', value: 'mortgage_30y_fixed' },
      { field: 'apr', operator: 'lt', value: 6.25 },
    ],
    cooldownMinutes: 60,
  });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const secret = String(created.json.secret);

  // Event time drives the cooldown: the sequence spans two hours of occurredAt.
  const start = Date.now() - 3 * 3_600_000;
  const at = (minutes: number) => new Date(start + minutes * 60_000);
  const sequence: Array<[minute: number, changes: Record<string, unknown>, expected: string]> = [
    [0, { apr: '6.500' }, 'not delivered: apr not below 6.25'],
    [5, { apr: '6.200' }, 'delivered: first alert, the hour starts'],
    [20, { apr: '6.100' }, 'not delivered: in the cooldown'],
    [30, { apr: '5.900', state: 'NY' }, 'not delivered: another state'],
    [
      40,
      { apr: '5.800', productType: 'mortgage_15y_fixed', termMonths: 180 },
      'not delivered: another product',
    ],
    [50, { apr: '6.2500' }, 'not delivered: 6.2500 is not below 6.25'],
    [66, { apr: '6.125' }, 'delivered: 61 minutes after the first alert'],
    [80, { apr: '6.000' }, 'not delivered: in the second cooldown'],
  ];
  const published: string[] = [];
  for (const [minute, changes] of sequence) {
    const event = await publisher.publish({
      type: 'rate.changed',
      tenantId,
      occurredAt: at(minute),
      data: { ...exampleData('rate.changed'), state: 'CA', productType: 'mortgage_30y_fixed', ...changes },
    });
    published.push(event.id);
  }
  const expected = [published[1], published[6]];

  // Every event routed (the counter counts after each commit), then the expected deliveries in.
  await waitFor(
    async () => counter(await routerMetrics(), 'hookstream_router_events_consumed_total') >= sequence.length,
    {
      timeoutMs: 30_000,
      description: 'the router routed the whole sequence',
    },
  );
  await waitFor(() => receiver.requests.length >= expected.length, {
    timeoutMs: 30_000,
    description: `${expected.length} alerts at the receiver`,
  });
  // Room for a wrong extra delivery to show up before counting.
  await new Promise((resolve) => setTimeout(resolve, 2_000));

  const bodies = receiver.requests.map((request) => {
    assert.ok(verifyWebhook(request.rawBody, request.headers, secret).ok, 'signed as usual');
    return JSON.parse(request.rawBody.toString('utf8')) as {
      id: string;
      data: { apr: string };
      conditionResults: Array<Record<string, unknown>>;
    };
  });
  assert.deepEqual(
    bodies.map((body) => body.id).sort(),
    [...expected].sort(),
    'exactly the two expected alerts',
  );
  const first = bodies.find((body) => body.id === published[1]);
  assert.deepEqual(first?.conditionResults, [
    { field: 'state', operator: 'eq', threshold: 'CA', actualValue: 'CA', passed: true },
    {
      field: 'productType',
      operator: 'eq',
      threshold: 'mortgage_30y_fixed',
      actualValue: 'mortgage_30y_fixed',
      passed: true,
    },
    { field: 'apr', operator: 'lt', threshold: 6.25, actualValue: '6.200', passed: true },
  ]);
  const metrics = await routerMetrics();
  assert.equal(counter(metrics, 'hookstream_router_cooldown_suppressed_total'), 2, 'minutes 20 and 80');
  assert.equal(counter(metrics, 'hookstream_router_conditions_not_met_total'), 4);
});
