import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { exampleData } from '@hookstream/events';
import { EventPublisher } from '@hookstream/kafka';
import { startTracing, type Tracing } from '@hookstream/service-kit';
import {
  type OtlpReceiver,
  type ReceivedSpan,
  startOtlpReceiver,
  startReceiver,
  type TestReceiver,
  testBrokers,
  waitFor,
} from '@hookstream/testkit';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { apiRequest, type Platform, startPlatform } from './platform.js';

/** OTLP span kinds. */
const KIND = { client: 3, producer: 4, consumer: 5 } as const;

/**
 * One trace from publish to POST across four processes: this test publishes inside a span of
 * its own (spans kept in memory), the services export theirs over OTLP/HTTP to a receiver in
 * this test, and the customer's endpoint gets the trace in `traceparent`.
 */
describe('one trace from the producer to the customer’s endpoint', () => {
  let platform: Platform;
  let otlp: OtlpReceiver;
  let endpoint: TestReceiver;
  let tracing: Tracing;
  const producerSpans = new InMemorySpanExporter();

  before(async () => {
    tracing = await startTracing('e2e-producer', { env: {}, exporter: producerSpans });
    otlp = await startOtlpReceiver();
    endpoint = await startReceiver(() => ({ status: 204 }));
    platform = await startPlatform('e2e-trace', {
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      // Export every 200 ms so the spans arrive within the test.
      OTEL_BSP_SCHEDULE_DELAY: '200',
      // The worker logs each attempt at debug: the line must carry the trace's ids.
      LOG_LEVEL: 'debug',
    });
  });

  after(async () => {
    const exitCodes = await platform?.stop();
    await endpoint?.close();
    await otlp?.close();
    await tracing?.shutdown();
    // Clean SIGTERM shutdown (spans flushed on the way out): every service exits 0.
    assert.deepEqual(exitCodes, { 'delivery-worker': 0, router: 0, 'subscription-api': 0 });
  });

  test('publish → route → deliver → POST share one trace id, each span the child of the one before', async () => {
    const tenant = await platform.createTenant('trace');
    const created = await apiRequest(platform, 'POST', '/v1/subscriptions', tenant.apiKey, {
      url: `${endpoint.url}/hooks`,
      eventTypes: ['card.created'],
    });
    assert.equal(created.status, 201);

    const publisher = await EventPublisher.connect({
      brokers: testBrokers(),
      clientId: 'e2e-trace',
      topicPrefix: platform.topicPrefix,
    });
    const checkout = await trace.getTracer('e2e').startActiveSpan('checkout', async (span) => {
      try {
        await publisher.publish({
          type: 'card.created',
          tenantId: tenant.tenantId,
          accountId: 'acc_trace',
          data: exampleData('card.created'),
        });
        return span.spanContext();
      } finally {
        span.end();
        await publisher.disconnect();
      }
    });
    const send = producerSpans.getFinishedSpans().find((span) => span.name.startsWith('send '));
    assert.ok(send, 'the producer SDK recorded a send span');
    assert.equal(send.spanContext().traceId, checkout.traceId);

    const [request] = await endpoint.waitForRequests(1, 30_000);
    const traceparent = String(request?.headers.traceparent);
    assert.match(
      traceparent,
      new RegExp(`^00-${checkout.traceId}-[0-9a-f]{16}-01$`),
      'the POST carries the trace',
    );

    const inTrace = (): ReceivedSpan[] => otlp.spans.filter((span) => span.traceId === checkout.traceId);
    const spans = await waitFor(
      () => {
        const found = inTrace();
        const route = found.find((span) => span.service === 'router' && span.kind === KIND.consumer);
        const deliver = found.find(
          (span) => span.service === 'delivery-worker' && span.kind === KIND.consumer,
        );
        const post = found.find((span) => span.service === 'delivery-worker' && span.kind === KIND.client);
        return route && deliver && post ? { route, deliver, post } : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200, description: 'the router’s and the worker’s spans in the trace' },
    );

    assert.equal(spans.route.name, `process ${platform.topicPrefix}events`);
    assert.equal(spans.route.parentSpanId, send.spanContext().spanId, 'route continues the producer’s send');
    assert.equal(spans.route.attributes['messaging.system'], 'kafka');
    assert.equal(spans.deliver.name, `process ${platform.topicPrefix}deliveries`);
    assert.equal(spans.deliver.parentSpanId, spans.route.spanId, 'deliver continues route');
    assert.equal(spans.post.name, 'POST');
    assert.equal(spans.post.parentSpanId, spans.deliver.spanId, 'the POST is part of deliver');
    assert.equal(spans.post.attributes['http.request.method'], 'POST');
    assert.equal(spans.post.attributes['http.response.status_code'], 204);
    assert.equal(
      traceparent.split('-')[2],
      spans.post.spanId,
      'the endpoint sees the POST span as its parent',
    );
  });
});
