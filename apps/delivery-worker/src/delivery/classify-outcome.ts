import type { DispatchResult } from './dispatch-result.js';

export type Verdict =
  | { kind: 'delivered' }
  /** Try again later; `slowDown` asks for a longer wait than the schedule (429, timeouts). */
  | { kind: 'retry'; reason: string; slowDown: boolean; retryAfterSeconds: number | null }
  /** Retrying cannot help: the endpoint said so. */
  | { kind: 'give-up'; reason: string };

/**
 * Statuses that mean "never send this again": 410 Gone (the endpoint is retired) and 413 (the
 * payload will always be too large). Every other failure is retried: a 4xx is often a
 * misconfigured receiver that its owner fixes within the retry window (Svix makes the same call).
 */
const PERMANENT_STATUSES = new Set([410, 413]);

export function classifyOutcome(result: DispatchResult): Verdict {
  switch (result.kind) {
    case 'timeout':
      return {
        kind: 'retry',
        reason:
          result.phase === 'connect'
            ? `timed out connecting after ${result.limitMs} ms`
            : `timed out after ${result.limitMs} ms`,
        slowDown: true,
        retryAfterSeconds: null,
      };
    case 'refused':
      // The destination is not allowed (a private, loopback or metadata address, or a URL the
      // policy refuses): retrying cannot change that, so it is dead-lettered at once.
      return { kind: 'give-up', reason: `refused: ${result.message}` };
    case 'network-error':
      return {
        kind: 'retry',
        reason: `network error: ${result.message}`,
        slowDown: false,
        retryAfterSeconds: null,
      };
    case 'response': {
      const { status } = result;
      if (status >= 200 && status < 300) return { kind: 'delivered' };
      if (PERMANENT_STATUSES.has(status)) return { kind: 'give-up', reason: `HTTP ${status}` };
      return {
        kind: 'retry',
        reason: `HTTP ${status}`,
        slowDown: status === 429 || status === 503,
        retryAfterSeconds: result.retryAfterSeconds,
      };
    }
  }
}

/**
 * Whether an answer says the endpoint is failing, for its circuit breaker: 5xx, 429, timeouts
 * and network errors count; any other answer shows it up and reachable (a 4xx is a verdict on
 * the request, not on the endpoint's health).
 */
export function endpointHealth(result: DispatchResult): 'up' | 'down' {
  if (result.kind !== 'response') return 'down';
  return result.status >= 500 || result.status === 429 ? 'down' : 'up';
}
