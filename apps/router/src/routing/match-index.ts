import { anyTypePatternMatches, EVENT_TYPES, type EventEnvelope } from '@hookstream/events';
import {
  type ConditionedSubscription,
  conditionedSubscription,
  type SubscriptionRecord,
} from '@hookstream/kafka';

/** A subscription that wants an event by type and account, with what is compiled from it. */
export interface MatchedSubscription extends ConditionedSubscription {
  readonly record: SubscriptionRecord;
}

interface IndexedSubscription extends MatchedSubscription {
  /** Null = every account of the tenant. */
  readonly accounts: ReadonlySet<string> | null;
}

/** Where subscriptions come from: the subscription view, or a fixed list in tests and benches. */
export interface SubscriptionSource {
  forTenant(tenantId: string): Iterable<SubscriptionRecord>;
  /** Tells the index which tenant's subscriptions changed (SubscriptionView.onTenantChange). */
  onTenantChange?(listener: (tenantId: string) => void): void;
}

interface TenantIndex {
  /** Event type → the enabled subscriptions whose patterns select it, each once, in view order. */
  readonly byType: ReadonlyMap<string, readonly IndexedSubscription[]>;
  /** Compiled subscriptions by id, reused by the next rebuild when the version is the same. */
  readonly compiled: ReadonlyMap<string, IndexedSubscription>;
}

const NONE: readonly MatchedSubscription[] = Object.freeze([]);

/**
 * The router's match index. Per tenant, and only when the tenant's subscriptions changed
 * (never per event), it resolves every subscription's type patterns against the fixed event
 * catalog into one list per event type, drops disabled subscriptions, turns account scopes
 * into sets, and compiles conditions once per subscription version. Matching an event is
 * then one map lookup and an account check per candidate: the cost grows with the number of
 * matches, not with the tenant's subscriptions.
 */
export class MatchIndex {
  private readonly tenants = new Map<string, TenantIndex>();
  /** Compiled subscriptions of invalidated tenants, kept for reuse by the rebuild. */
  private readonly invalidated = new Map<string, ReadonlyMap<string, IndexedSubscription>>();

  constructor(private readonly source: SubscriptionSource) {
    source.onTenantChange?.((tenantId) => this.invalidate(tenantId));
  }

  /** An index over a fixed list (tests, benches). */
  static of(records: readonly SubscriptionRecord[]): MatchIndex {
    const byTenant = new Map<string, SubscriptionRecord[]>();
    for (const record of records) {
      const list = byTenant.get(record.tenantId) ?? [];
      list.push(record);
      byTenant.set(record.tenantId, list);
    }
    return new MatchIndex({ forTenant: (tenantId) => byTenant.get(tenantId) ?? [] });
  }

  /**
   * The subscriptions that want `event` by tenant, type and account scope, in view order (an
   * event about no account never matches a subscription scoped to accounts). Conditions and
   * cooldown are the caller's next step: they need state.
   */
  match(event: EventEnvelope): readonly MatchedSubscription[] {
    const candidates = this.tenantIndex(event.tenantId).byType.get(event.type);
    if (candidates === undefined) return NONE;
    const accountId = event.accountId;
    let matched: MatchedSubscription[] | null = null;
    for (const candidate of candidates) {
      if (candidate.accounts !== null && (accountId === undefined || !candidate.accounts.has(accountId)))
        continue;
      matched ??= [];
      matched.push(candidate);
    }
    return matched ?? NONE;
  }

  /** Drops a tenant's index; the next event of the tenant rebuilds it. */
  invalidate(tenantId: string): void {
    const stale = this.tenants.get(tenantId);
    if (stale === undefined) return;
    this.tenants.delete(tenantId);
    this.invalidated.set(tenantId, stale.compiled);
  }

  private tenantIndex(tenantId: string): TenantIndex {
    const existing = this.tenants.get(tenantId);
    if (existing !== undefined) return existing;
    const built = buildTenantIndex(this.source.forTenant(tenantId), this.invalidated.get(tenantId));
    this.invalidated.delete(tenantId);
    this.tenants.set(tenantId, built);
    return built;
  }
}

function buildTenantIndex(
  records: Iterable<SubscriptionRecord>,
  previous: ReadonlyMap<string, IndexedSubscription> | undefined,
): TenantIndex {
  const byType = new Map<string, IndexedSubscription[]>();
  const compiled = new Map<string, IndexedSubscription>();
  for (const record of records) {
    if (!record.enabled) continue;
    const reused = previous?.get(record.id);
    const entry = reused !== undefined && reused.record.version === record.version ? reused : indexed(record);
    compiled.set(record.id, entry);
    for (const type of EVENT_TYPES) {
      if (!anyTypePatternMatches(record.eventTypes, type)) continue;
      const list = byType.get(type);
      if (list) list.push(entry);
      else byType.set(type, [entry]);
    }
  }
  return { byType, compiled };
}

function indexed(record: SubscriptionRecord): IndexedSubscription {
  return {
    record,
    ...conditionedSubscription(record),
    accounts: record.accountIds === null ? null : new Set(record.accountIds),
  };
}
