import { type Context, context, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { IHeaders } from 'kafkajs';

/**
 * W3C Trace Context (`traceparent`, `tracestate`) carried in Kafka record headers, so one trace
 * runs from the producer through the router and the worker to the outgoing POST.
 *
 * The propagator is used directly rather than through the global one: the headers are always
 * W3C, whatever the host application registered. With no tracing SDK registered there is no
 * valid span, so inject writes nothing and extract returns the context unchanged (cheap).
 */
const propagator = new W3CTraceContextPropagator();

/** The header names written, e.g. to copy them on to a record derived from another. */
export const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

const setter: TextMapSetter<IHeaders> = {
  set(carrier, key, value) {
    carrier[key] = value;
  },
};

const getter: TextMapGetter<IHeaders | undefined> = {
  keys: (carrier) => (carrier === undefined ? [] : Object.keys(carrier)),
  get(carrier, key) {
    const raw = carrier?.[key];
    // kafkajs gives consumed header values as Buffers (or arrays of them when repeated).
    const first = Array.isArray(raw) ? raw[0] : raw;
    return first === undefined ? undefined : first.toString();
  },
};

/** Writes traceparent (and tracestate) of the span active in `ctx` into `headers`; returns them. */
export function injectTraceContext(headers: IHeaders = {}, ctx: Context = context.active()): IHeaders {
  propagator.inject(ctx, headers, setter);
  return headers;
}

/**
 * The context a consumer continues: `base` (default: the active one) with the remote span
 * from the record's traceparent, if it has a valid one. A malformed traceparent is ignored.
 */
export function extractTraceContext(
  headers: IHeaders | undefined,
  base: Context = context.active(),
): Context {
  return propagator.extract(base, headers, getter);
}
