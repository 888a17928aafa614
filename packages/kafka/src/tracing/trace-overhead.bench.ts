/**
 * What the tracing hooks cost per record when no tracing SDK is registered (the default: no
 * OTEL_EXPORTER_OTLP_ENDPOINT), against doing nothing, and then with an SDK whose exporter
 * discards the batches (the cost of recording, without the network). Run after a build:
 *   node packages/kafka/dist/tracing/trace-overhead.bench.js
 * Prints nanoseconds per operation; not a test (no figure is asserted).
 */
import { context, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BatchSpanProcessor, type SpanExporter, TracerProvider } from '@opentelemetry/sdk-trace';
import { startConsumerSpan, traceHeadersOf } from './consumer-span.js';
import { messagingAttributes, messagingSpanName } from './messaging-attributes.js';
import { injectTraceContext } from './trace-context.js';

const ROUNDS = 1_000_000;
const tracer = trace.getTracer('bench');
const record = { topic: 'hookstream.events', partition: 0, offset: '1', headers: {} };

function measure(name: string, op: () => unknown): void {
  for (let i = 0; i < 10_000; i += 1) op(); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i += 1) op();
  const nsPerOp = Number(process.hrtime.bigint() - started) / ROUNDS;
  process.stdout.write(`${name.padEnd(58)} ${nsPerOp.toFixed(0).padStart(6)} ns/op\n`);
}

function measureHooks(mode: string): void {
  measure(`producer: send span + traceparent inject (${mode})`, () =>
    tracer.startActiveSpan(
      messagingSpanName({ operation: 'send', topic: record.topic }),
      {
        kind: SpanKind.PRODUCER,
        attributes: messagingAttributes({ operation: 'send', topic: record.topic }),
      },
      (span) => {
        const headers = injectTraceContext();
        span.end();
        return headers;
      },
    ),
  );
  measure(`consumer: process span + output headers (${mode})`, () => {
    const span = startConsumerSpan(record, { consumerGroup: 'g' });
    const headers = traceHeadersOf(span);
    span.end();
    return headers;
  });
}

measure('baseline: an empty object per record', () => ({}));
measureHooks('tracing off');

const discard: SpanExporter = {
  export: (_spans, done) => done({ code: 0 }),
  shutdown: async () => {},
};
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
const provider = new TracerProvider({ spanProcessors: [new BatchSpanProcessor({ exporter: discard })] });
trace.setGlobalTracerProvider(provider);
measureHooks('tracing on, spans discarded');
await provider.shutdown();
