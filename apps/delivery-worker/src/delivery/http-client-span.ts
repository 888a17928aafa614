import { injectTraceContext } from '@hookstream/kafka';
import { type Attributes, type Span, SpanStatusCode } from '@opentelemetry/api';
import type { DispatchResult } from './dispatch-result.js';

/**
 * Attributes of the CLIENT span of one POST (OpenTelemetry HTTP semantic conventions). The full
 * URL is left out on purpose: a customer's URL may carry a token in its path or query.
 */
export function httpClientAttributes(url: string): Attributes {
  const attributes: Attributes = { 'http.request.method': 'POST' };
  try {
    const target = new URL(url);
    attributes['server.address'] = target.hostname;
    attributes['server.port'] = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
    attributes['url.scheme'] = target.protocol.replace(':', '');
  } catch {
    // An unparsable URL fails in the request itself; the span just has fewer attributes.
  }
  return attributes;
}

/** The outcome on the span: status code, and error status for 4xx/5xx, timeouts, network errors and egress refusals. */
export function recordDispatchResult(span: Span, result: DispatchResult): void {
  if (result.kind === 'response') {
    span.setAttribute('http.response.status_code', result.status);
    if (result.status >= 400) {
      span.setAttribute('error.type', String(result.status));
      span.setStatus({ code: SpanStatusCode.ERROR });
    }
    return;
  }
  if (result.kind === 'timeout') {
    span.setAttribute('error.type', `timeout_${result.phase}`);
    span.setStatus({ code: SpanStatusCode.ERROR, message: `timeout_${result.phase}` });
    return;
  }
  // `refused`: the egress guard would not connect (a private or disallowed address).
  span.setAttribute('error.type', result.kind === 'refused' ? 'egress_refused' : 'network_error');
  span.setStatus({ code: SpanStatusCode.ERROR, message: result.message });
}

/**
 * `traceparent` (and `tracestate`) of the active span as HTTP headers, so the customer's own
 * tracing can join the delivery's trace; empty with tracing off.
 */
export function traceHttpHeaders(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(injectTraceContext({})).map(([name, value]) => [name, String(value)]),
  );
}
