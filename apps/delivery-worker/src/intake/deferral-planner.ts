import { LONGEST_WAIT_MS } from './decide-intake.js';

/** Endpoints whose pace is remembered; the oldest entry is dropped beyond it. */
const MAX_ENDPOINTS = 10_000;
/** Weight of the newest duration in the moving average. */
const SMOOTHING = 0.2;

interface Pace {
  /** Moving average of one request's duration, in ms. */
  avgDurationMs: number;
  /** The latest time a task moved aside was given; the next one goes after it. */
  horizonMs: number;
}

/**
 * When a task moved aside for an endpoint should come back: spaced by how fast the endpoint
 * works through its share (average request time ÷ slots), after the ones moved aside before,
 * so a backed-up endpoint's tasks come back about when it can take them instead of all at
 * once, and each is moved aside about once.
 */
export class DeferralPlanner {
  private readonly paces = new Map<string, Pace>();

  constructor(
    private readonly options: { minDelayMs: number; slotsPerEndpoint: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Remembers how long a request to `endpoint` took, in ms. */
  observe(endpoint: string, durationMs: number): void {
    const pace = this.paces.get(endpoint);
    if (pace) pace.avgDurationMs += SMOOTHING * (durationMs - pace.avgDurationMs);
    else this.remember(endpoint, { avgDurationMs: durationMs, horizonMs: 0 });
  }

  /** The endpoint's average request time, in ms, once one was seen. */
  paceOf(endpoint: string): number | undefined {
    return this.paces.get(endpoint)?.avgDurationMs;
  }

  /** The delay, in ms, for one more task of `endpoint` moved aside now. */
  delayFor(endpoint: string): number {
    const now = this.now();
    const pace = this.paces.get(endpoint) ?? this.remember(endpoint, { avgDurationMs: 0, horizonMs: 0 });
    const earliest = now + this.options.minDelayMs;
    const next = Math.max(earliest, pace.horizonMs + pace.avgDurationMs / this.options.slotsPerEndpoint);
    pace.horizonMs = Math.min(next, now + LONGEST_WAIT_MS);
    return Math.round(pace.horizonMs - now);
  }

  private remember(endpoint: string, pace: Pace): Pace {
    if (this.paces.size >= MAX_ENDPOINTS) {
      const oldest = this.paces.keys().next().value;
      if (oldest !== undefined) this.paces.delete(oldest);
    }
    this.paces.set(endpoint, pace);
    return pace;
  }
}
