import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { exampleData } from '@hookstream/events';
import { context, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { createKafkaClient } from '../client.js';
import { EventPublisher } from '../event-publisher.js';
import { resolveTopics } from '../topics.js';

// Talks to the real broker (KAFKA_BROKERS, default 127.0.0.1:9092) on a topic of its own.
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const prefix = `test.publisher-trace.${randomBytes(4).toString('hex')}.`;
const topic = resolveTopics(prefix).events;

describe('EventPublisher tracing against the broker', () => {
  const exporter = new InMemorySpanExporter();
  const kafka = createKafkaClient({ brokers, clientId: 'publisher-trace-test' });
  const admin = kafka.admin();

  before(async () => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(
      new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }),
    );
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  });
  after(async () => {
    await admin.deleteTopics({ topics: [topic], timeout: 10_000 });
    await admin.disconnect();
    trace.disable();
    context.disable();
  });

  it('sends the record with the traceparent of its PRODUCER span, a child of the caller’s span', async () => {
    const publisher = await EventPublisher.connect({ brokers, clientId: 'trace-test', topicPrefix: prefix });
    const published = await trace.getTracer('test').startActiveSpan('checkout', async (parent) => {
      try {
        return await publisher.publish({
          type: 'card.created',
          tenantId: 'ten_trace',
          accountId: 'acc_trace',
          data: exampleData('card.created'),
        });
      } finally {
        parent.end();
        await publisher.disconnect();
      }
    });

    const send = exporter.getFinishedSpans().find((span) => span.name === `send ${topic}`);
    const checkout = exporter.getFinishedSpans().find((span) => span.name === 'checkout');
    assert.ok(send && checkout);
    assert.equal(send.kind, SpanKind.PRODUCER);
    assert.equal(send.parentSpanContext?.spanId, checkout.spanContext().spanId);
    assert.equal(send.attributes['messaging.destination.name'], topic);
    assert.equal(send.attributes['messaging.message.id'], published.id);

    const consumer = kafka.consumer({ groupId: `${prefix}reader` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const traceparent = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no record read within 20 s')), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve(String(message.headers?.traceparent));
        },
      });
    });
    await consumer.disconnect();
    await admin.deleteGroups([`${prefix}reader`]).catch(() => {});
    assert.equal(traceparent, `00-${send.spanContext().traceId}-${send.spanContext().spanId}-01`);
  });
});
