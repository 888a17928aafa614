import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import { messagingAttributes, messagingSpanName } from './messaging-attributes.js';
import { extractTraceContext, injectTraceContext } from './trace-context.js';

const tracer = trace.getTracer('@hookstream/kafka');

export interface ConsumedRecord {
  topic: string;
  partition: number;
  offset: string;
  headers?: IHeaders;
}

export interface ConsumerSpanOptions {
  consumerGroup?: string;
  /** The event id (evt_…) or message id, as `messaging.message.id`. */
  messageId?: string;
}

/**
 * Starts (does not activate) a CONSUMER span "process <topic>" continuing the record's trace,
 * for a caller that ends it itself, e.g. after the transaction that made the work durable.
 * `injectTraceContext({}, trace.setSpan(context.active(), span))` gives the headers that let
 * records produced for it continue the trace.
 */
export function startConsumerSpan(record: ConsumedRecord, options: ConsumerSpanOptions): Span {
  const input = {
    operation: 'process',
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    ...options,
  } as const;
  return tracer.startSpan(
    messagingSpanName(input),
    { kind: SpanKind.CONSUMER, attributes: messagingAttributes(input) },
    extractTraceContext(record.headers, context.active()),
  );
}

/** The headers that make a record produced on behalf of `span` continue its trace. */
export function traceHeadersOf(span: Span): IHeaders {
  return injectTraceContext({}, trace.setSpan(context.active(), span));
}

/**
 * Runs `work` inside a CONSUMER span "process <topic>" that continues the trace whose
 * traceparent the record carries (a new trace when it has none), so what `work` logs and
 * produces joins the producer's trace. An error thrown by `work` marks the span and is rethrown.
 * Without a tracing SDK the span is a no-op.
 */
export function withConsumerSpan<T>(
  record: ConsumedRecord,
  options: ConsumerSpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const input = {
    operation: 'process',
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    ...options,
  } as const;
  const parent = extractTraceContext(record.headers, context.active());
  return tracer.startActiveSpan(
    messagingSpanName(input),
    { kind: SpanKind.CONSUMER, attributes: messagingAttributes(input) },
    parent,
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
