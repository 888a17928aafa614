import type { PreviousValues, RouterStateRecord } from '@hookstream/kafka';
import type { ConditionStateReader } from './condition-state.js';

/**
 * The committed condition state of one events partition: what the router-state changelog's
 * partition of the same number says, restored at assignment and advanced after each commit.
 */
export class PartitionState implements ConditionStateReader {
  private readonly previousValues = new Map<string, PreviousValues>();
  private readonly deliveredAt = new Map<string, number>();

  previous(subscriptionId: string, entity: string): PreviousValues | undefined {
    return this.previousValues.get(`${subscriptionId}\u0000${entity}`);
  }

  lastDeliveredAt(subscriptionId: string): number | undefined {
    return this.deliveredAt.get(subscriptionId);
  }

  /** Applies changelog records in order (the later one for a key wins, as compaction keeps it). */
  apply(records: Iterable<RouterStateRecord>): void {
    for (const record of records) {
      if (record.kind === 'previous')
        this.previousValues.set(`${record.subscriptionId}\u0000${record.entity}`, record.values);
      else this.deliveredAt.set(record.subscriptionId, Date.parse(record.lastDeliveredAt));
    }
  }

  get size(): number {
    return this.previousValues.size + this.deliveredAt.size;
  }
}
