/** What came back from one HTTP attempt, before any judgement. */
export type DispatchResult =
  | {
      kind: 'response';
      status: number;
      /** Retry-After in seconds, when the endpoint sent a valid one. */
      retryAfterSeconds: number | null;
      /** The first KiB of the body, for the attempt log. */
      bodySnippet: string;
      durationMs: number;
    }
  /** `connect`: no connection within the connect timeout; `request`: the whole-request limit ran out. */
  | { kind: 'timeout'; phase: 'connect' | 'request'; limitMs: number; durationMs: number }
  | { kind: 'network-error'; message: string; durationMs: number }
  /** The egress policy refused the destination (issue 11): nothing was sent, and never will be. */
  | { kind: 'refused'; message: string; durationMs: number };
