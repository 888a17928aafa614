import { trace } from '@opentelemetry/api';

/** The ids that join a log line to its trace; the field names follow OpenTelemetry's log data model. */
export interface TraceFields {
  trace_id?: string;
  span_id?: string;
}

/**
 * The active span's trace and span ids, or nothing when no span is active (always the case
 * with tracing off, where this costs one context lookup).
 */
export function activeTraceFields(): TraceFields {
  const span = trace.getActiveSpan();
  if (span === undefined) return {};
  const { traceId, spanId } = span.spanContext();
  return trace.isSpanContextValid(span.spanContext()) ? { trace_id: traceId, span_id: spanId } : {};
}
