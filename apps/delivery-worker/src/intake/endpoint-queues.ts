export interface QueueLimits {
  /** Items waiting for one endpoint. */
  perEndpoint: number;
  /** Items waiting across all endpoints. */
  total: number;
}

/**
 * A bounded FIFO per endpoint, served round-robin so one endpoint's backlog cannot starve
 * another's. Holds only what waits for a slot; what does not fit is the caller's to move aside.
 */
export class EndpointQueues<T> {
  /** Map order is the round-robin order: a served endpoint moves to the back. */
  private readonly queues = new Map<string, T[]>();
  private count = 0;

  constructor(private readonly limits: QueueLimits) {}

  get size(): number {
    return this.count;
  }

  get isFull(): boolean {
    return this.count >= this.limits.total;
  }

  sizeOf(endpoint: string): number {
    return this.queues.get(endpoint)?.length ?? 0;
  }

  /**
   * Adds to the back of the endpoint's queue; false when its queue or the whole is full, unless
   * `pastBounds` (the caller keeps memory bounded another way and wants this item kept).
   */
  offer(endpoint: string, item: T, pastBounds = false): boolean {
    if (!pastBounds && (this.isFull || this.sizeOf(endpoint) >= this.limits.perEndpoint)) return false;
    const queue = this.queues.get(endpoint);
    if (queue) queue.push(item);
    else this.queues.set(endpoint, [item]);
    this.count += 1;
    return true;
  }

  /** Takes `item` out wherever it waits (it timed out or was cancelled); false if absent. */
  remove(endpoint: string, item: T): boolean {
    const queue = this.queues.get(endpoint);
    const index = queue?.indexOf(item) ?? -1;
    if (!queue || index < 0) return false;
    queue.splice(index, 1);
    if (queue.length === 0) this.queues.delete(endpoint);
    this.count -= 1;
    return true;
  }

  /**
   * The head of the first endpoint queue, in round-robin order, that `canStart` accepts; it is
   * taken out and its endpoint moves to the back of the rotation.
   */
  takeNext(canStart: (endpoint: string, item: T) => boolean): { endpoint: string; item: T } | undefined {
    for (const [endpoint, queue] of this.queues) {
      const head = queue[0];
      if (head === undefined || !canStart(endpoint, head)) continue;
      queue.shift();
      this.queues.delete(endpoint);
      if (queue.length > 0) this.queues.set(endpoint, queue);
      this.count -= 1;
      return { endpoint, item: head };
    }
    return undefined;
  }

  /** Empties every queue (shutdown), returning what waited. */
  clear(): T[] {
    const all = [...this.queues.values()].flat();
    this.queues.clear();
    this.count = 0;
    return all;
  }
}
