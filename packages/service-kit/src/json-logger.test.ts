import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { afterEach, describe, it } from 'node:test';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { JsonLogger } from './json-logger.js';
import { startTracing, type Tracing } from './tracing.js';

/** A destination that keeps every written line, parsed. */
function capture(): { lines: Record<string, unknown>[]; stream: Writable } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

describe('JsonLogger', () => {
  let tracing: Tracing | undefined;
  afterEach(async () => {
    await tracing?.shutdown();
    tracing = undefined;
  });

  it('writes one JSON object per line with level, ISO time, service, context and message', () => {
    const { lines, stream } = capture();
    new JsonLogger('router', 'info', stream).log('started', 'EventRouterConsumer');
    assert.equal(lines.length, 1);
    const [line] = lines;
    assert.equal(line?.level, 'info');
    assert.equal(line?.service, 'router');
    assert.equal(line?.context, 'EventRouterConsumer');
    assert.equal(line?.msg, 'started');
    assert.ok(!Number.isNaN(Date.parse(String(line?.time))));
    assert.equal(line?.trace_id, undefined);
  });

  it('merges an object message into the line', () => {
    const { lines, stream } = capture();
    new JsonLogger('worker', 'info', stream).warn({ msg: 'retry', attempt: 2 }, 'Delivery');
    assert.deepEqual(
      { level: lines[0]?.level, msg: lines[0]?.msg, attempt: lines[0]?.attempt },
      { level: 'warn', msg: 'retry', attempt: 2 },
    );
  });

  const levels = [
    { configured: 'info', call: 'debug', written: false },
    { configured: 'info', call: 'verbose', written: false },
    { configured: 'debug', call: 'verbose', written: true },
    { configured: 'warn', call: 'log', written: false },
    { configured: 'error', call: 'fatal', written: true },
  ] as const;
  for (const { configured, call, written } of levels) {
    it(`at level ${configured}, ${call}() is ${written ? 'written' : 'dropped'}`, () => {
      const { lines, stream } = capture();
      new JsonLogger('api', configured, stream)[call]('message');
      assert.equal(lines.length, written ? 1 : 0);
    });
  }

  it('keeps the stack of an error passed beside the message', () => {
    const { lines, stream } = capture();
    new JsonLogger('api', 'info', stream).error('failed', new Error('boom').stack, 'Filter');
    assert.match(JSON.stringify(lines[0]?.detail), /boom/);
    assert.equal(lines[0]?.context, 'Filter');
  });

  it('carries trace_id and span_id of the active span', async () => {
    tracing = await startTracing('router', { env: {}, exporter: new InMemorySpanExporter() });
    const { lines, stream } = capture();
    const logger = new JsonLogger('router', 'info', stream);
    const ids = trace.getTracer('test').startActiveSpan('route', (span) => {
      logger.log('inside');
      span.end();
      return span.spanContext();
    });
    logger.log('outside');
    assert.equal(lines[0]?.trace_id, ids.traceId);
    assert.equal(lines[0]?.span_id, ids.spanId);
    assert.equal(lines[1]?.trace_id, undefined);
  });
});
