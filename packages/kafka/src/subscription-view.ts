import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { decodeJson } from './messages/codec.js';
import type { ViewPosition } from './messages/delivery-task.js';
import { SubscriptionRecord } from './messages/subscription-record.js';

export interface SubscriptionViewOptions {
  kafka: Kafka;
  topic: string;
  /** Names this instance's throw-away consumer group, e.g. "router". */
  owner: string;
  /** Called for records that fail the contract; the view skips them. */
  onInvalidRecord?: (reason: string, offset: string) => void;
  /** Called after each applied batch with the number of subscriptions held. */
  onChange?: (size: number) => void;
  /**
   * What to keep of each record, e.g. `withoutSecrets` for the router, which never signs and so
   * should not hold sealed secrets or header values in memory. Default: the whole record.
   */
  project?: (record: SubscriptionRecord) => SubscriptionRecord;
}

/**
 * How old the partition list the barrier asks end offsets for may be, in ms (kafkajs
 * `metadataMaxAge`, a patched-in admin option). Without it every barrier sends a Metadata
 * request before its ListOffsets: one more round trip on every router round and worker check.
 * Partitions of the subscriptions topic change only when an operator adds some, and the view's
 * own consumer finds a new partition only on its next metadata refresh (kafkajs: up to 5 min),
 * so a list up to a second old loses nothing the view could have read.
 */
const BARRIER_METADATA_MAX_AGE_MS = 1_000;

/**
 * An in-memory copy of the compacted subscriptions topic. Every instance reads the whole topic
 * (its own consumer group, never committed) because every instance needs every subscription.
 *
 * `waitUntilCaughtUp()` is the read-your-writes barrier: it waits until everything written to
 * the topic before the call is in the view. The router calls it before matching a batch, so an
 * event published after the API acknowledged a subscription is always matched against it.
 */
export class SubscriptionView {
  private readonly byId = new Map<string, SubscriptionRecord>();
  private readonly byTenant = new Map<string, Map<string, SubscriptionRecord>>();
  /** Next offset to read, per partition. */
  private readonly positions = new Map<number, number>();
  private readonly waiters = new Set<() => void>();
  private readonly tenantListeners = new Set<(tenantId: string) => void>();
  private readonly consumer: Consumer;
  private readonly admin: Admin;
  private caughtUpOnce = false;

  constructor(private readonly options: SubscriptionViewOptions) {
    this.consumer = options.kafka.consumer({
      groupId: `${options.owner}.subscription-view.${randomUUID()}`,
      // How long the broker holds a fetch when there is nothing new, in ms. A change is not held
      // back by it: the broker answers a held fetch as soon as a record is appended (a one-off
      // measurement: 3–20 ms from produce to an idle view, median 5). It
      // only sets how often an idle view asks again, and an idle fetch costs the broker about
      // 1–2 ms of CPU on the 2-core dev machine: at 50 ms the two views (router, worker) made
      // 40 fetches/s around the clock.
      maxWaitTimeInMs: 500,
    });
    this.admin = options.kafka.admin({ metadataMaxAge: BARRIER_METADATA_MAX_AGE_MS });
  }

  async start(timeoutMs = 30_000): Promise<void> {
    await this.admin.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await this.consumer.run({ autoCommit: false, eachBatch: (payload) => this.apply(payload) });
    if (!(await this.waitUntilCaughtUp(timeoutMs))) {
      throw new Error(`subscription view did not catch up with ${this.options.topic} within ${timeoutMs} ms`);
    }
    this.caughtUpOnce = true;
  }

  get ready(): boolean {
    return this.caughtUpOnce;
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): SubscriptionRecord | undefined {
    return this.byId.get(id);
  }

  /** Subscriptions held per tenant id (for a capped per-tenant gauge); tenants with none are left out. */
  countsByTenant(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [tenantId, subscriptions] of this.byTenant) {
      if (subscriptions.size > 0) counts.set(tenantId, subscriptions.size);
    }
    return counts;
  }

  forTenant(tenantId: string): Iterable<SubscriptionRecord> {
    return this.byTenant.get(tenantId)?.values() ?? [];
  }

  /**
   * Tells `listener` the tenant of every subscription added, changed or removed, as it is
   * applied: indexes built per tenant (the router's match index) drop that tenant's entry.
   */
  onTenantChange(listener: (tenantId: string) => void): void {
    this.tenantListeners.add(listener);
  }

  /** Resolves true once the view holds everything written before the call; false on timeout. */
  async waitUntilCaughtUp(timeoutMs = 10_000): Promise<boolean> {
    // The common case, nothing new since the view last read: one ListOffsets request for the
    // end offsets settles it. Only a view behind them asks for the start offsets too: a
    // partition whose records were all deleted (start = end) has nothing to wait for, and the
    // view, which reads nothing there, would otherwise wait for it until the timeout.
    const deadline = Date.now() + timeoutMs;
    const ends = await this.retryUntil(deadline, () => this.admin.fetchTopicEndOffsets(this.options.topic));
    if (ends === null) return false;
    const reached = (partition: number, high: string) => (this.positions.get(partition) ?? 0) >= Number(high);
    if (ends.every(({ partition, high }) => reached(partition, high))) return true;
    const targets = await this.retryUntil(deadline, () => this.admin.fetchTopicOffsets(this.options.topic));
    if (targets === null) return false;
    return this.waitFor(
      () => targets.every(({ partition, high, low }) => high === low || reached(partition, high)),
      Math.max(0, deadline - Date.now()),
    );
  }

  /**
   * How far the view has read: partition → next offset. Taken after `waitUntilCaughtUp`,
   * it covers everything written before that barrier started; a task carries it so another
   * instance's view can wait for the same point (`waitUntilReached`) instead of asking the broker.
   */
  position(): ViewPosition {
    const position: ViewPosition = {};
    for (const [partition, next] of this.positions) position[String(partition)] = next;
    return position;
  }

  /**
   * Resolves true once the view has read at least as far as `position` in every partition it
   * names (at once when it has); false on timeout. No request to the broker.
   */
  waitUntilReached(position: ViewPosition, timeoutMs = 10_000): Promise<boolean> {
    const reached = () => {
      for (const partition in position)
        if ((this.positions.get(Number(partition)) ?? 0) < (position[partition] ?? 0)) return false;
      return true;
    };
    return this.waitFor(reached, timeoutMs);
  }

  /** Resolves true as soon as `isDone()` holds after a batch is applied (or now); false on timeout. */
  private waitFor(isDone: () => boolean, timeoutMs: number): Promise<boolean> {
    if (isDone()) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const check = () => {
        if (!isDone()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** `request`, retried while the broker is electing leaders; null once `deadline` (epoch ms) passed. */
  private async retryUntil<T>(deadline: number, request: () => Promise<T>): Promise<T | null> {
    for (;;) {
      try {
        return await request();
      } catch {
        if (Date.now() >= deadline) return null;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.admin.disconnect();
  }

  private async apply({ batch }: EachBatchPayload): Promise<void> {
    for (const message of batch.messages) {
      const id = message.key?.toString('utf8');
      if (!id) continue;
      if (message.value === null) {
        this.remove(id);
        continue;
      }
      const decoded = decodeJson(SubscriptionRecord, message.value);
      if (decoded.ok) this.upsert(this.options.project ? this.options.project(decoded.value) : decoded.value);
      else this.options.onInvalidRecord?.(decoded.reason, message.offset);
    }
    const next = Number(batch.lastOffset()) + 1;
    this.positions.set(batch.partition, Math.max(this.positions.get(batch.partition) ?? 0, next));
    this.options.onChange?.(this.byId.size);
    for (const waiter of [...this.waiters]) waiter();
  }

  private upsert(record: SubscriptionRecord): void {
    const current = this.byId.get(record.id);
    if (current && current.version > record.version) return;
    this.byId.set(record.id, record);
    let tenant = this.byTenant.get(record.tenantId);
    if (!tenant) {
      tenant = new Map();
      this.byTenant.set(record.tenantId, tenant);
    }
    tenant.set(record.id, record);
    if (current && current.tenantId !== record.tenantId) this.notifyTenant(current.tenantId);
    this.notifyTenant(record.tenantId);
  }

  private notifyTenant(tenantId: string): void {
    for (const listener of this.tenantListeners) listener(tenantId);
  }

  private remove(id: string): void {
    const current = this.byId.get(id);
    if (!current) return;
    this.byId.delete(id);
    this.byTenant.get(current.tenantId)?.delete(id);
    this.notifyTenant(current.tenantId);
  }
}
