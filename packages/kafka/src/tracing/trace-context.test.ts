import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROOT_CONTEXT, TraceFlags, trace } from '@opentelemetry/api';
import { extractTraceContext, injectTraceContext } from './trace-context.js';

const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const spanId = '00f067aa0ba902b7';
const sampled = trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags: TraceFlags.SAMPLED });

describe('injectTraceContext', () => {
  it('writes a W3C traceparent for the span in the context', () => {
    const headers = injectTraceContext({}, sampled);
    assert.equal(headers.traceparent, `00-${traceId}-${spanId}-01`);
  });

  it('writes nothing when no span is active (tracing off)', () => {
    assert.deepEqual(injectTraceContext({}, ROOT_CONTEXT), {});
  });

  it('keeps the headers already there', () => {
    const headers = injectTraceContext({ 'hookstream-source-topic': 't' }, sampled);
    assert.equal(headers['hookstream-source-topic'], 't');
    assert.ok(headers.traceparent);
  });
});

describe('extractTraceContext', () => {
  const cases = [
    {
      name: 'a Buffer header as kafkajs delivers it',
      headers: { traceparent: Buffer.from(`00-${traceId}-${spanId}-01`) },
      expected: { traceId, spanId },
    },
    {
      name: 'a string header',
      headers: { traceparent: `00-${traceId}-${spanId}-00` },
      expected: { traceId, spanId },
    },
    {
      name: 'the first of repeated headers',
      headers: { traceparent: [Buffer.from(`00-${traceId}-${spanId}-01`), Buffer.from('junk')] },
      expected: { traceId, spanId },
    },
    {
      name: 'a malformed traceparent',
      headers: { traceparent: Buffer.from('00-nothex-01') },
      expected: undefined,
    },
    {
      name: 'an all-zero trace id',
      headers: { traceparent: `00-${'0'.repeat(32)}-${spanId}-01` },
      expected: undefined,
    },
    { name: 'no headers at all', headers: undefined, expected: undefined },
  ];
  for (const { name, headers, expected } of cases) {
    it(`${expected === undefined ? 'starts no remote span' : 'continues the remote span'} from ${name}`, () => {
      const span = trace.getSpanContext(extractTraceContext(headers, ROOT_CONTEXT));
      if (expected === undefined) {
        assert.equal(span, undefined);
      } else {
        assert.equal(span?.traceId, expected.traceId);
        assert.equal(span?.spanId, expected.spanId);
        assert.equal(span?.isRemote, true);
      }
    });
  }

  it('round-trips through inject', () => {
    const headers = injectTraceContext({}, sampled);
    const span = trace.getSpanContext(extractTraceContext(headers, ROOT_CONTEXT));
    assert.equal(span?.traceId, traceId);
  });
});
