export interface TopicPartitionOffset {
  topic: string;
  partition: number;
  /** The next offset to read: one past the last record whose work is done. */
  offset: string;
}

interface PartitionState {
  /** Begun offsets not yet passed by the watermark, ascending (records are begun in order). */
  queue: bigint[];
  done: Set<bigint>;
  /** One past the highest offset below which everything is done. */
  watermark: bigint | null;
  highestBegun: bigint;
  committed: bigint | null;
}

/**
 * Tracks work started out of order-of-completion on each partition and yields, per partition,
 * the highest offset below which every record is done — the only offset that is safe to commit.
 * A slow delivery holds back the commit of its partition, never the work on other records.
 */
export class OffsetTracker {
  private readonly partitions = new Map<string, PartitionState & { topic: string; partition: number }>();
  private pending = 0;

  /** Number of begun records not yet completed. */
  get inFlight(): number {
    return this.pending;
  }

  /** Returns false when the record was already begun (re-fetched after a seek or rejoin): skip it. */
  begin(topic: string, partition: number, offset: string): boolean {
    const state = this.state(topic, partition);
    const value = BigInt(offset);
    if (value <= state.highestBegun) return false;
    state.highestBegun = value;
    state.queue.push(value);
    this.pending += 1;
    return true;
  }

  complete(topic: string, partition: number, offset: string): void {
    const state = this.partitions.get(key(topic, partition));
    const value = BigInt(offset);
    if (!state?.queue.includes(value) || state.done.has(value)) return;
    state.done.add(value);
    this.pending -= 1;
    while (state.queue.length > 0 && state.done.has(state.queue[0] as bigint)) {
      const head = state.queue.shift() as bigint;
      state.done.delete(head);
      state.watermark = head + 1n;
    }
  }

  /**
   * Gives up on a begun record without finishing it (shutdown came first): it no longer counts
   * as in flight, and the watermark never passes it, so it is redelivered after a restart.
   */
  abandon(topic: string, partition: number, offset: string): void {
    const state = this.partitions.get(key(topic, partition));
    const value = BigInt(offset);
    if (!state?.queue.includes(value) || state.done.has(value)) return;
    this.pending -= 1;
  }

  /** Offsets that moved since they were last committed. */
  committable(): TopicPartitionOffset[] {
    const result: TopicPartitionOffset[] = [];
    for (const state of this.partitions.values()) {
      if (state.watermark !== null && state.watermark !== state.committed) {
        result.push({ topic: state.topic, partition: state.partition, offset: state.watermark.toString() });
      }
    }
    return result;
  }

  markCommitted(offsets: readonly TopicPartitionOffset[]): void {
    for (const { topic, partition, offset } of offsets) {
      const state = this.partitions.get(key(topic, partition));
      if (state) state.committed = BigInt(offset);
    }
  }

  /** Drops partitions this member no longer owns, so it never commits over their new owner. */
  retainOnly(assignment: Readonly<Record<string, readonly number[]>>): void {
    for (const [id, state] of this.partitions) {
      if (!assignment[state.topic]?.includes(state.partition)) {
        this.pending -= state.queue.length - state.done.size;
        this.partitions.delete(id);
      }
    }
  }

  private state(topic: string, partition: number): PartitionState & { topic: string; partition: number } {
    const id = key(topic, partition);
    let state = this.partitions.get(id);
    if (!state) {
      state = {
        topic,
        partition,
        queue: [],
        done: new Set(),
        watermark: null,
        highestBegun: -1n,
        committed: null,
      };
      this.partitions.set(id, state);
    }
    return state;
  }
}

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
