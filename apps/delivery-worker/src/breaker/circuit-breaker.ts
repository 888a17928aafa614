/**
 * One endpoint's circuit breaker as a pure state machine (no clock, no I/O):
 * closed → open after `failureThreshold` consecutive failures; open → half-open once
 * `openMs` has passed, letting exactly one probe through; the probe's success closes it, its
 * failure opens it again for another `openMs`.
 */
export type BreakerState =
  | { state: 'closed'; failures: number }
  | { state: 'open'; until: number }
  | { state: 'half_open'; probing: boolean };

export type BreakerStateName = BreakerState['state'];
export const BREAKER_STATES: readonly BreakerStateName[] = ['closed', 'open', 'half_open'];

export interface BreakerPolicy {
  failureThreshold: number;
  openMs: number;
}

/**
 * `pass`: send as usual; `probe`: send, it decides the breaker; `reject`: open, do not send;
 * `probe-pending`: a probe is out and will decide soon: do not send now, come back shortly.
 */
export type BreakerAdmission = 'pass' | 'probe' | 'reject' | 'probe-pending';

export const CLOSED: BreakerState = { state: 'closed', failures: 0 };

export function admit(
  current: BreakerState,
  nowMs: number,
): { next: BreakerState; admission: BreakerAdmission } {
  switch (current.state) {
    case 'closed':
      return { next: current, admission: 'pass' };
    case 'open':
      if (nowMs < current.until) return { next: current, admission: 'reject' };
      return { next: { state: 'half_open', probing: true }, admission: 'probe' };
    case 'half_open':
      if (current.probing) return { next: current, admission: 'probe-pending' };
      return { next: { state: 'half_open', probing: true }, admission: 'probe' };
  }
}

/**
 * The result of a request that was sent. Results of requests sent before the breaker opened
 * (still in flight then) do not change an open breaker: only the probe decides.
 */
export function record(
  current: BreakerState,
  result: 'success' | 'failure',
  wasProbe: boolean,
  nowMs: number,
  policy: BreakerPolicy,
): BreakerState {
  if (current.state === 'half_open' && wasProbe) {
    return result === 'success' ? CLOSED : { state: 'open', until: nowMs + policy.openMs };
  }
  if (current.state !== 'closed') return current;
  if (result === 'success') return current.failures === 0 ? current : CLOSED;
  const failures = current.failures + 1;
  return failures >= policy.failureThreshold
    ? { state: 'open', until: nowMs + policy.openMs }
    : { state: 'closed', failures };
}

/** A probe that was let through but never sent (moved aside, shutdown): let another one try. */
export function probeNotSent(current: BreakerState): BreakerState {
  return current.state === 'half_open' ? { state: 'half_open', probing: false } : current;
}
