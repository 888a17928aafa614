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
      return { kind: 'retry', reason: 'timed out', slowDown: true, retryAfterSeconds: null };
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
