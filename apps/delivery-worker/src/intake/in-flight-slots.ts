export interface SlotLimits {
  /** Deliveries in flight on this instance. */
  total: number;
  /** Deliveries in flight to one endpoint: its share. */
  perEndpoint: number;
  /** Deliveries in flight for one tenant across its endpoints. */
  perTenant: number;
}

/**
 * - `start`: take a slot now.
 * - `wait`: the instance is full of work that is within its shares: wait for any slot
 *   (this is the only case that should slow fetching down).
 * - `over-share`: this endpoint or tenant already has its share while others need the rest.
 */
export type SlotVerdict = 'start' | 'wait' | 'over-share';

/**
 * Counts deliveries in flight per instance, endpoint and tenant, and says whether one more may
 * start. Work-conserving: an endpoint or tenant past its share may still borrow while the
 * instance is less than half busy, so a lone endpoint is not throttled for nothing, and the
 * half it cannot borrow stays free for everyone else. A slot cannot be taken back while its
 * request runs, so the caller lets only fast endpoints borrow: a slow one would hold what it
 * borrowed for as long as its requests take.
 */
export class InFlightSlots {
  private total = 0;
  private readonly byEndpoint = new Map<string, number>();
  private readonly byTenant = new Map<string, number>();

  constructor(private readonly limits: SlotLimits) {}

  get inFlight(): number {
    return this.total;
  }

  inFlightTo(endpoint: string): number {
    return this.byEndpoint.get(endpoint) ?? 0;
  }

  verdict(endpoint: string, tenant: string, mayBorrow = true): SlotVerdict {
    const overShare =
      this.inFlightTo(endpoint) >= this.limits.perEndpoint ||
      (this.byTenant.get(tenant) ?? 0) >= this.limits.perTenant;
    if (overShare && (!mayBorrow || this.total * 2 >= this.limits.total)) return 'over-share';
    if (this.total >= this.limits.total) return 'wait';
    return 'start';
  }

  take(endpoint: string, tenant: string): void {
    this.total += 1;
    this.byEndpoint.set(endpoint, this.inFlightTo(endpoint) + 1);
    this.byTenant.set(tenant, (this.byTenant.get(tenant) ?? 0) + 1);
  }

  release(endpoint: string, tenant: string): void {
    this.total = Math.max(0, this.total - 1);
    decrement(this.byEndpoint, endpoint);
    decrement(this.byTenant, tenant);
  }
}

/** Drops a key at zero, so the maps hold only endpoints and tenants with work in flight. */
function decrement(counts: Map<string, number>, key: string): void {
  const next = (counts.get(key) ?? 0) - 1;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}
