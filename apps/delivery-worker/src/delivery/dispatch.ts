import type { Readable } from 'node:stream';
import { checkUrl, type EgressPolicy, guardedConnector } from '@hookstream/egress-guard';
import { SpanKind, trace } from '@opentelemetry/api';
import { Agent, errors, interceptors, request, type Dispatcher as UndiciDispatcher } from 'undici';
import { BoundedMemo } from './bounded-memo.js';
import { ttlAwareLookup } from './cached-dns-lookup.js';
import type { DispatchResult } from './dispatch-result.js';
import { guardedLookup } from './guarded-dns-lookup.js';
import { httpClientAttributes, recordDispatchResult, traceHttpHeaders } from './http-client-span.js';
import { parseRetryAfter } from './parse-retry-after.js';
import { RequestDeadline } from './request-deadline.js';

/** A no-op unless tracing is on (OTEL_EXPORTER_OTLP_ENDPOINT). */
const tracer = trace.getTracer('@hookstream/delivery-worker');

/** Bytes of the response body kept for the attempt log; the rest is not read. */
const BODY_SNIPPET_BYTES = 1024;
/** URLs whose egress verdict is remembered at once (~150 B each); the oldest is forgotten first. */
const URL_VERDICT_CACHE_URLS = 4_096;
/** Hosts whose DNS answers are cached at once; beyond it lookups are not cached. */
const DNS_CACHE_HOSTS = 10_000;

export interface DispatchRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Whole-request limit, in ms: connect, send, headers and the body we read. */
  timeoutMs: number;
}

export interface DispatcherOptions {
  /** Limit for opening the connection (TCP and TLS), in ms. */
  connectTimeoutMs: number;
  /** Longest a DNS answer is reused, in ms. */
  dnsMaxTtlMs: number;
  /** What deliveries may reach (HOOKSTREAM_ENV and HOOKSTREAM_EGRESS_*). */
  egress: EgressPolicy;
}

/**
 * One POST over undici (not global fetch): a shared keep-alive pool per origin and
 * lower overhead per request matter on the hot path. Never throws: every failure becomes a
 * DispatchResult the classifier judges. Every bad endpoint is bounded: a host that never
 * accepts by the connect timeout; one that hangs, trickles bytes or sends a huge body by the
 * whole-request timeout and the 1 KiB read; redirects are not followed.
 */
export class Dispatcher {
  private readonly agent: Agent;
  private readonly dispatcher: UndiciDispatcher;
  /**
   * Why the egress policy refuses a URL (undefined: allowed), per URL string. The verdict depends
   * only on the URL and this dispatcher's fixed policy, and judging it (URL parsing, address
   * ranges) cost ~2 us per delivery; names are still checked at every connect.
   */
  private readonly urlRefusals: BoundedMemo<string | undefined>;

  constructor(private readonly options: DispatcherOptions) {
    this.urlRefusals = new BoundedMemo(URL_VERDICT_CACHE_URLS, (url) => {
      const verdict = checkUrl(url, options.egress);
      return verdict.ok ? undefined : verdict.message;
    });
    // Redirects are not followed: a signed delivery goes only to the URL the customer gave.
    // The guarded connector checks the address every new connection goes to (the DNS
    // interceptor below hands it the resolved IP) and connects to exactly that address.
    this.agent = new Agent({
      connect: guardedConnector(options.egress, { timeoutMs: options.connectTimeoutMs }),
      keepAliveTimeout: 30_000,
    });
    this.dispatcher = this.agent.compose(
      interceptors.dns({
        maxTTL: options.dnsMaxTtlMs,
        maxItems: DNS_CACHE_HOSTS,
        // Every address of a name is checked as it is resolved (and cached).
        lookup: guardedLookup(ttlAwareLookup(options.dnsMaxTtlMs), options.egress),
      }),
    );
  }

  /**
   * The POST inside a CLIENT span "POST" (a child of the delivery's span), whose traceparent the
   * request carries so the customer's tracing can join.
   */
  post(request: DispatchRequest): Promise<DispatchResult> {
    return tracer.startActiveSpan(
      'POST',
      { kind: SpanKind.CLIENT, attributes: httpClientAttributes(request.url) },
      async (span) => {
        try {
          const result = await this.send({
            ...request,
            headers: { ...request.headers, ...traceHttpHeaders() },
          });
          recordDispatchResult(span, result);
          return result;
        } finally {
          span.end();
        }
      },
    );
  }

  private async send({ url, body, headers, timeoutMs }: DispatchRequest): Promise<DispatchResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    // A record on the topic is not trusted: its URL is judged again (once per distinct URL) before
    // anything is sent.
    const urlRefusal = this.urlRefusals.get(url);
    if (urlRefusal !== undefined) return { kind: 'refused', message: urlRefusal, durationMs: 0 };
    const deadline = new RequestDeadline(timeoutMs);
    try {
      const response = await request(url, {
        method: 'POST',
        body,
        headers,
        dispatcher: this.dispatcher,
        signal: deadline,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const bodySnippet = await readSnippet(response.body, deadline);
      return {
        kind: 'response',
        status: response.statusCode,
        retryAfterSeconds: parseRetryAfter(response.headers['retry-after'], new Date()),
        bodySnippet,
        durationMs: elapsed(),
      };
    } catch (error) {
      const refusal = egressRefusal(error);
      if (refusal !== undefined) return { kind: 'refused', message: refusal, durationMs: elapsed() };
      if (error instanceof errors.ConnectTimeoutError)
        return {
          kind: 'timeout',
          phase: 'connect',
          limitMs: this.options.connectTimeoutMs,
          durationMs: elapsed(),
        };
      if (isTimeout(error) || deadline.expired)
        return { kind: 'timeout', phase: 'request', limitMs: timeoutMs, durationMs: elapsed() };
      return { kind: 'network-error', message: describe(error), durationMs: elapsed() };
    } finally {
      deadline.clear();
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/**
 * Reads at most 1 KiB, then drops the connection's body; a trickle is cut by the deadline.
 * Stream events, not `for await`: the async iterator cost ~11 us of CPU per response (an
 * iterator, its promises and end-of-stream listeners), a quarter of a whole undici POST.
 * Rejects as the iterator would: with the stream's error, or a premature close.
 */
function readSnippet(body: Readable, deadline: RequestDeadline): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const abort = () => body.destroy(new DOMException('body read timed out', 'TimeoutError'));
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      deadline.removeListener('abort', abort);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks, Math.min(size, BODY_SNIPPET_BYTES)).toString('utf8'));
    };
    deadline.once('abort', abort);
    body.on('data', (chunk: Buffer) => {
      if (settled) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size >= BODY_SNIPPET_BYTES) {
        settle();
        body.destroy();
      }
    });
    body.on('end', () => settle());
    body.on('error', (error: Error) => settle(error));
    // Built only when it is the outcome: an Error's stack costs more than the rest of the read.
    body.on('close', () => {
      if (!settled) settle(prematureClose());
    });
  });
}

/** What a stream's async iterator throws when the stream closes before its end. */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/** The guard's message when the connect was refused by the egress policy (maybe wrapped). */
function egressRefusal(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 3; depth += 1) {
    if ((current as Error & { code?: string }).code === 'EGRESS_REFUSED') return current.message;
    current = current.cause;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  return (
    (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) ||
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError
  );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as Error & { code?: string }).code;
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return [code, cause ?? error.message].filter(Boolean).join(': ').slice(0, 300);
}
