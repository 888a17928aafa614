import { LONGEST_WAIT_MS } from './decide-intake.js';

/** Endpoints whose pace is remembered; the oldest entry is dropped beyond it. */
const MAX_ENDPOINTS = 10_000;
/** Weight of the newest duration in the moving average. */
const SMOOTHING = 0.2;

interface Pace {
  /** Moving average of one request's duration, in ms; undefined until one finished. */
  avgDurationMs: number | undefined;
  /** Start times (ms) of the requests in flight to the endpoint. */
  inFlightSince: number[];
  /** The latest time a task moved aside was given; the next one goes after it. */
  horizonMs: number;
}

/**
 * How fast each endpoint answers, and when a task moved aside should come back: spaced by how
 * fast the endpoint works through its share (request time ÷ slots), after the ones moved aside
 * before, so a backed-up endpoint's tasks come back about when it can take them instead of
 * all at once, and each is moved aside about once.
 *
 * The request time is the moving average of finished requests, or the age of the oldest
 * request still in flight when that is longer: an endpoint that has not answered yet shows
 * it is slow after `slowMs`, not only once its first answer (or timeout) arrives.
 */
export class DeferralPlanner {
  private readonly paces = new Map<string, Pace>();

  constructor(
    private readonly options: {
      minDelayMs: number;
      slotsPerEndpoint: number;
      /** Request time assumed for an endpoint never seen (the default timeout), in ms. */
      unknownPaceMs: number;
    },
    private readonly now: () => number = Date.now,
  ) {}

  /** A request to `endpoint` starts; call the returned function with nothing when it ends. */
  started(endpoint: string): () => void {
    const pace = this.paceEntry(endpoint);
    const startedAt = this.now();
    pace.inFlightSince.push(startedAt);
    return () => {
      const index = pace.inFlightSince.indexOf(startedAt);
      if (index >= 0) pace.inFlightSince.splice(index, 1);
      const durationMs = this.now() - startedAt;
      pace.avgDurationMs =
        pace.avgDurationMs === undefined
          ? durationMs
          : pace.avgDurationMs + SMOOTHING * (durationMs - pace.avgDurationMs);
    };
  }

  /** The endpoint's request time, in ms (see the class comment); undefined if never seen. */
  paceOf(endpoint: string): number | undefined {
    const pace = this.paces.get(endpoint);
    if (!pace) return undefined;
    const oldest = pace.inFlightSince[0];
    const age = oldest === undefined ? 0 : this.now() - oldest;
    if (pace.avgDurationMs === undefined) return oldest === undefined ? undefined : age;
    return Math.max(pace.avgDurationMs, age);
  }

  /** Whether a request to `endpoint` has finished since it was remembered. */
  hasAnswered(endpoint: string): boolean {
    return this.paces.get(endpoint)?.avgDurationMs !== undefined;
  }

  /** The delay, in ms, for one more task of `endpoint` moved aside now. */
  delayFor(endpoint: string): number {
    const now = this.now();
    const pace = this.paceEntry(endpoint);
    const requestMs = this.paceOf(endpoint) ?? this.options.unknownPaceMs;
    const earliest = now + this.options.minDelayMs;
    const next = Math.max(earliest, pace.horizonMs + requestMs / this.options.slotsPerEndpoint);
    pace.horizonMs = Math.min(next, now + LONGEST_WAIT_MS);
    return Math.round(pace.horizonMs - now);
  }

  private paceEntry(endpoint: string): Pace {
    const known = this.paces.get(endpoint);
    if (known) return known;
    if (this.paces.size >= MAX_ENDPOINTS) {
      // Drop the oldest-remembered endpoint that has nothing in flight.
      for (const [key, pace] of this.paces) {
        if (pace.inFlightSince.length === 0) {
          this.paces.delete(key);
          break;
        }
      }
    }
    const pace: Pace = { avgDurationMs: undefined, inFlightSince: [], horizonMs: 0 };
    this.paces.set(endpoint, pace);
    return pace;
  }
}
