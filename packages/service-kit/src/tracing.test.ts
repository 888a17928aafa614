import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { startOtlpReceiver } from '@hookstream/testkit';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { InvalidConfigError } from './env.js';
import { startTracing, type Tracing } from './tracing.js';

describe('startTracing', () => {
  let tracing: Tracing | undefined;
  afterEach(async () => {
    await tracing?.shutdown();
    tracing = undefined;
  });

  it('is off without OTEL_EXPORTER_OTLP_ENDPOINT: spans are not recorded', async () => {
    for (const env of [{}, { OTEL_EXPORTER_OTLP_ENDPOINT: '' }]) {
      tracing = await startTracing('router', { env });
      assert.equal(tracing.enabled, false);
      const span = trace.getTracer('test').startSpan('route');
      assert.equal(span.isRecording(), false);
      span.end();
    }
  });

  it('rejects a malformed endpoint, naming the variable', async () => {
    await assert.rejects(
      () => startTracing('router', { env: { OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' } }),
      (error: unknown) =>
        error instanceof InvalidConfigError && /OTEL_EXPORTER_OTLP_ENDPOINT/.test(error.problems.join()),
    );
  });

  it('records spans with the service name, parent and child in one trace', async () => {
    const exporter = new InMemorySpanExporter();
    tracing = await startTracing('delivery-worker', { env: {}, exporter });
    const tracer = trace.getTracer('test');
    await tracer.startActiveSpan('deliver', async (parent) => {
      // The child is started after an await: the context manager must carry the parent over.
      await new Promise((resolve) => setImmediate(resolve));
      tracer.startSpan('POST').end();
      parent.end();
    });
    const spans = exporter.getFinishedSpans();
    assert.deepEqual(
      spans.map((span) => span.name),
      ['POST', 'deliver'],
    );
    const [child, parent] = spans;
    assert.equal(child?.spanContext().traceId, parent?.spanContext().traceId);
    assert.equal(child?.parentSpanContext?.spanId, parent?.spanContext().spanId);
    assert.equal(parent?.resource.attributes['service.name'], 'delivery-worker');
  });

  it('lets OTEL_SERVICE_NAME override the service name', async () => {
    const exporter = new InMemorySpanExporter();
    tracing = await startTracing('router', { env: { OTEL_SERVICE_NAME: 'router-eu' }, exporter });
    trace.getTracer('test').startSpan('route').end();
    assert.equal(exporter.getFinishedSpans()[0]?.resource.attributes['service.name'], 'router-eu');
  });
});

describe('startTracing with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('exports spans over OTLP/HTTP to <endpoint>/v1/traces, flushed on shutdown', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const tracing = await startTracing('router', {
        env: { OTEL_EXPORTER_OTLP_ENDPOINT: `${receiver.url}/` },
      });
      assert.equal(tracing.enabled, true);
      const span = trace
        .getTracer('test')
        .startSpan('route', { attributes: { 'messaging.system': 'kafka' } });
      span.end();
      await tracing.shutdown();
      assert.deepEqual(
        receiver.spans.map(({ service, name, traceId, attributes }) => ({
          service,
          name,
          traceId,
          attributes,
        })),
        [
          {
            service: 'router',
            name: 'route',
            traceId: span.spanContext().traceId,
            attributes: { 'messaging.system': 'kafka' },
          },
        ],
      );
    } finally {
      await receiver.close();
    }
  });
});

describe('startTracing shutdown', () => {
  // The export itself would wait 10 s (the exporter's timeout); shutdown stops waiting at 3 s.
  // The test's timeout turns a hang into a failure rather than measuring anything.
  it('returns although the collector never answers', { timeout: 8_000 }, async () => {
    // A TCP server that accepts and never replies: the export hangs until its own timeout.
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    try {
      const tracing = await startTracing('router', {
        env: { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` },
      });
      trace.getTracer('test').startSpan('route').end();
      await tracing.shutdown();
      assert.equal(tracing.enabled, true);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
