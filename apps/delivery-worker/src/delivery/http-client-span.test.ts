import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Span, SpanStatusCode } from '@opentelemetry/api';
import type { DispatchResult } from './dispatch-result.js';
import { httpClientAttributes, recordDispatchResult, traceHttpHeaders } from './http-client-span.js';

/** Records what is set on a span (the span's own API is all this code uses). */
function recordingSpan() {
  const attributes: Record<string, unknown> = {};
  let status: { code: SpanStatusCode; message?: string } = { code: SpanStatusCode.UNSET };
  const span = {
    setAttribute(key: string, value: unknown) {
      attributes[key] = value;
      return span;
    },
    setStatus(value: { code: SpanStatusCode; message?: string }) {
      status = value;
      return span;
    },
  };
  return { span: span as unknown as Span, attributes, status: () => status };
}

describe('httpClientAttributes', () => {
  const cases = [
    {
      url: 'https://hooks.example.com/in?token=secret',
      expected: { 'server.address': 'hooks.example.com', 'server.port': 443, 'url.scheme': 'https' },
    },
    {
      url: 'http://127.0.0.1:4000/hooks',
      expected: { 'server.address': '127.0.0.1', 'server.port': 4000, 'url.scheme': 'http' },
    },
    { url: 'not a url', expected: {} },
  ];
  for (const { url, expected } of cases) {
    it(`describes ${url} without its path or query`, () => {
      assert.deepEqual(httpClientAttributes(url), { 'http.request.method': 'POST', ...expected });
    });
  }
});

describe('recordDispatchResult', () => {
  const cases: Array<{
    name: string;
    result: DispatchResult;
    attributes: Record<string, unknown>;
    error: boolean;
  }> = [
    {
      name: 'a 204',
      result: { kind: 'response', status: 204, retryAfterSeconds: null, bodySnippet: '', durationMs: 3 },
      attributes: { 'http.response.status_code': 204 },
      error: false,
    },
    {
      name: 'a 500',
      result: { kind: 'response', status: 500, retryAfterSeconds: null, bodySnippet: '', durationMs: 3 },
      attributes: { 'http.response.status_code': 500, 'error.type': '500' },
      error: true,
    },
    {
      name: 'a connect timeout',
      result: { kind: 'timeout', phase: 'connect', limitMs: 100, durationMs: 100 },
      attributes: { 'error.type': 'timeout_connect' },
      error: true,
    },
    {
      name: 'a connection the egress guard refused',
      result: { kind: 'refused', message: 'private address', durationMs: 0 },
      attributes: { 'error.type': 'egress_refused' },
      error: true,
    },
    {
      name: 'a refused connection',
      result: { kind: 'network-error', message: 'ECONNREFUSED', durationMs: 1 },
      attributes: { 'error.type': 'network_error' },
      error: true,
    },
  ];
  for (const { name, result, attributes, error } of cases) {
    it(`records ${name}`, () => {
      const recorded = recordingSpan();
      recordDispatchResult(recorded.span, result);
      assert.deepEqual(recorded.attributes, attributes);
      assert.equal(recorded.status().code, error ? SpanStatusCode.ERROR : SpanStatusCode.UNSET);
    });
  }
});

describe('traceHttpHeaders', () => {
  it('is empty when no span is active (tracing off)', () => {
    assert.deepEqual(traceHttpHeaders(), {});
  });
});
