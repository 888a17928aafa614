import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { startConsumerSpan, traceHeadersOf, withConsumerSpan } from './consumer-span.js';
import { injectTraceContext } from './trace-context.js';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const producerSpanId = '00f067aa0ba902b7';

describe('withConsumerSpan', () => {
  const exporter = new InMemorySpanExporter();
  before(() => {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(
      new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter })] }),
    );
  });
  after(() => {
    trace.disable();
    context.disable();
  });
  beforeEach(() => exporter.reset());

  const record = {
    topic: 'hookstream.events',
    partition: 1,
    offset: '42',
    headers: { traceparent: Buffer.from(`00-${traceId}-${producerSpanId}-01`) },
  };

  it('continues the producer’s trace in a CONSUMER span with the messaging attributes', async () => {
    const injected = await withConsumerSpan(
      record,
      { consumerGroup: 'hookstream.router', messageId: 'evt_1' },
      async () => {
        // What the work produces carries the consumer span as parent.
        await new Promise((resolve) => setImmediate(resolve));
        return injectTraceContext({});
      },
    );
    const [span] = exporter.getFinishedSpans();
    assert.equal(span?.name, 'process hookstream.events');
    assert.equal(span?.kind, SpanKind.CONSUMER);
    assert.equal(span?.spanContext().traceId, traceId);
    assert.equal(span?.parentSpanContext?.spanId, producerSpanId);
    assert.equal(span?.attributes['messaging.system'], 'kafka');
    assert.equal(span?.attributes['messaging.destination.partition.id'], '1');
    assert.equal(span?.attributes['messaging.kafka.offset'], 42);
    assert.equal(span?.attributes['messaging.consumer.group.name'], 'hookstream.router');
    assert.equal(injected.traceparent, `00-${traceId}-${span?.spanContext().spanId}-01`);
  });

  it('starts a new trace for a record without traceparent', async () => {
    await withConsumerSpan({ ...record, headers: {} }, {}, async () => undefined);
    const [span] = exporter.getFinishedSpans();
    assert.notEqual(span?.spanContext().traceId, traceId);
    assert.equal(span?.parentSpanContext, undefined);
  });

  it('marks the span failed and rethrows what the work throws', async () => {
    await assert.rejects(
      withConsumerSpan(record, {}, async () => {
        throw new Error('broker gone');
      }),
      /broker gone/,
    );
    const [span] = exporter.getFinishedSpans();
    assert.equal(span?.status.code, SpanStatusCode.ERROR);
  });

  it('startConsumerSpan + traceHeadersOf give headers whose traceparent names the consumer span, in the producer’s trace', () => {
    const span = startConsumerSpan(
      {
        topic: 'hookstream.events',
        partition: 0,
        offset: '7',
        headers: { traceparent: `00-${traceId}-${producerSpanId}-01` },
      },
      { consumerGroup: 'hookstream.router' },
    );
    const headers = traceHeadersOf(span);
    span.end();
    assert.equal(headers.traceparent, `00-${traceId}-${span.spanContext().spanId}-01`);
    assert.equal(exporter.getFinishedSpans()[0]?.parentSpanContext?.spanId, producerSpanId);
  });
});
