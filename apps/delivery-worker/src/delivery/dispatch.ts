import { Agent, errors, request } from 'undici';
import type { DispatchResult } from './dispatch-result.js';
import { parseRetryAfter } from './parse-retry-after.js';

/** Bytes of the response body kept for the attempt log; the rest is not read. */
const BODY_SNIPPET_BYTES = 1024;

export interface DispatchRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/**
 * One POST over undici (not global fetch): a shared keep-alive pool per origin and
 * lower overhead per request matter on the hot path. Never throws: every failure becomes a
 * DispatchResult the classifier judges.
 */
export class Dispatcher {
  private readonly agent: Agent;

  constructor(connectTimeoutMs: number) {
    // Redirects are not followed: a signed delivery goes only to the URL the customer gave.
    this.agent = new Agent({ connect: { timeout: connectTimeoutMs }, keepAliveTimeout: 30_000 });
  }

  async post({ url, body, headers, timeoutMs }: DispatchRequest): Promise<DispatchResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    try {
      const response = await request(url, {
        method: 'POST',
        body,
        headers,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      const bodySnippet = await readSnippet(response.body);
      return {
        kind: 'response',
        status: response.statusCode,
        retryAfterSeconds: parseRetryAfter(response.headers['retry-after'], new Date()),
        bodySnippet,
        durationMs: elapsed(),
      };
    } catch (error) {
      if (isTimeout(error)) return { kind: 'timeout', durationMs: elapsed() };
      return { kind: 'network-error', message: describe(error), durationMs: elapsed() };
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

async function readSnippet(body: AsyncIterable<Buffer> & { destroy(): unknown }): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= BODY_SNIPPET_BYTES) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, BODY_SNIPPET_BYTES).toString('utf8');
}

function isTimeout(error: unknown): boolean {
  return (
    (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) ||
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    error instanceof errors.ConnectTimeoutError
  );
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as Error & { code?: string }).code;
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return [code, cause ?? error.message].filter(Boolean).join(': ').slice(0, 300);
}
