import {
  admit,
  type BreakerAdmission,
  type BreakerPolicy,
  type BreakerState,
  type BreakerStateName,
  CLOSED,
  probeNotSent,
  record,
} from './circuit-breaker.js';

export interface BreakerTransitions {
  /** Called on each change of state; labels stay bounded (three states), never the endpoint. */
  onTransition: (from: BreakerStateName, to: BreakerStateName) => void;
}

/**
 * The breakers of every endpoint this instance talks to. Only endpoints off the default
 * (closed, no failures) are kept, so the map is as large as the number of failing endpoints.
 */
export class BreakerBoard {
  private readonly states = new Map<string, BreakerState>();

  constructor(
    private readonly policy: BreakerPolicy,
    private readonly hooks: BreakerTransitions,
    private readonly now: () => number = Date.now,
  ) {}

  admit(endpoint: string): BreakerAdmission {
    const { next, admission } = admit(this.get(endpoint), this.now());
    this.set(endpoint, next);
    return admission;
  }

  record(endpoint: string, result: 'success' | 'failure', wasProbe: boolean): void {
    this.set(endpoint, record(this.get(endpoint), result, wasProbe, this.now(), this.policy));
  }

  /** When an open breaker lets its next probe through (epoch ms); undefined unless open. */
  openUntil(endpoint: string): number | undefined {
    const state = this.get(endpoint);
    return state.state === 'open' ? state.until : undefined;
  }

  probeNotSent(endpoint: string): void {
    this.set(endpoint, probeNotSent(this.get(endpoint)));
  }

  /** Number of known endpoints in each state; endpoints never seen failing count as closed elsewhere. */
  countByState(): Record<BreakerStateName, number> {
    const counts: Record<BreakerStateName, number> = { closed: 0, open: 0, half_open: 0 };
    for (const state of this.states.values()) counts[state.state] += 1;
    return counts;
  }

  private get(endpoint: string): BreakerState {
    return this.states.get(endpoint) ?? CLOSED;
  }

  private set(endpoint: string, next: BreakerState): void {
    const previous = this.get(endpoint);
    if (next.state === 'closed' && next.failures === 0) this.states.delete(endpoint);
    else this.states.set(endpoint, next);
    if (previous.state !== next.state) this.hooks.onTransition(previous.state, next.state);
  }
}
