import type { PreviousValues } from '@hookstream/kafka';
import { type RouterStateRecord, routerStateKey } from '@hookstream/kafka';

/** What conditions remember, as read for one partition of the events topic. */
export interface ConditionStateReader {
  /** The last change_pct values of one subscription for one entity (the event's Kafka key). */
  previous(subscriptionId: string, entity: string): PreviousValues | undefined;
  /** When the subscription last got a delivery (event time, epoch ms), for its cooldown. */
  lastDeliveredAt(subscriptionId: string): number | undefined;
}

/** A reader with nothing in it: no entity has a previous value, no subscription a delivery. */
export const NO_STATE: ConditionStateReader = {
  previous: () => undefined,
  lastDeliveredAt: () => undefined,
};

/**
 * The state as one batch changes it: reads see the batch's own earlier changes first (two
 * events of one entity in one batch), and the changes are kept apart as changelog records,
 * so nothing reaches the store unless the batch's transaction commits.
 */
export class BatchState implements ConditionStateReader {
  private readonly changes = new Map<string, RouterStateRecord>();

  constructor(private readonly base: ConditionStateReader) {}

  previous(subscriptionId: string, entity: string): PreviousValues | undefined {
    const changed = this.changes.get(routerStateKey({ kind: 'previous', subscriptionId, entity }));
    if (changed?.kind === 'previous') return changed.values;
    return this.base.previous(subscriptionId, entity);
  }

  lastDeliveredAt(subscriptionId: string): number | undefined {
    const changed = this.changes.get(routerStateKey({ kind: 'cooldown', subscriptionId }));
    if (changed?.kind === 'cooldown') return Date.parse(changed.lastDeliveredAt);
    return this.base.lastDeliveredAt(subscriptionId);
  }

  remember(subscriptionId: string, entity: string, values: Record<string, string>, eventId: string): void {
    const record: RouterStateRecord = { kind: 'previous', subscriptionId, entity, values, eventId };
    this.changes.set(routerStateKey(record), record);
  }

  delivered(subscriptionId: string, at: string): void {
    const record: RouterStateRecord = { kind: 'cooldown', subscriptionId, lastDeliveredAt: at };
    this.changes.set(routerStateKey(record), record);
  }

  /** The batch's changes, the last one per key, for the changelog and then the store. */
  records(): RouterStateRecord[] {
    return [...this.changes.values()];
  }
}
