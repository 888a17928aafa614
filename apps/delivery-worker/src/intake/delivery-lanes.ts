import { EndpointQueues, type QueueLimits } from './endpoint-queues.js';
import { InFlightSlots, type SlotLimits, type SlotVerdict } from './in-flight-slots.js';

/** `run`: a slot is held (release it); `defer`: over its share, move it aside; `abandon`: shutting down. */
export type Admission = 'run' | 'defer' | 'abandon';

interface Waiter {
  tenant: string;
  resolve: (admission: Admission) => void;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Admission of deliveries to slots: start now when the endpoint and tenant are within their
 * shares, otherwise wait briefly in the endpoint's bounded queue, otherwise move aside. Moving
 * aside is for endpoints that are slow or whose excess keeps others waiting; a task waits
 * without bound only while the instance is full of work within its shares, or while its fast
 * endpoint competes with nobody.
 */
export class DeliveryLanes {
  readonly slots: InFlightSlots;
  private readonly queues: EndpointQueues<Waiter>;
  private roomWaiters: Array<() => void> = [];
  private closed = false;
  private readonly totalSlots: number;

  constructor(
    limits: { slots: SlotLimits; queues: QueueLimits },
    /** How long a task over its share waits for a slot before it is moved aside, in ms. */
    private readonly maxWaitMs: number,
    /** The endpoint's request time, in ms, when known, and whether it has answered at all. */
    private readonly paceOf: (endpoint: string) => { ms: number; answered: boolean } | undefined = () =>
      undefined,
    /** Average request time, in ms, from which an endpoint counts as slow. */
    private readonly slowMs = maxWaitMs,
  ) {
    this.slots = new InFlightSlots(limits.slots);
    this.totalSlots = limits.slots.total;
    this.queues = new EndpointQueues(limits.queues);
  }

  get queued(): number {
    return this.queues.size;
  }

  /** False while the queues are full: the intake should stop fetching until `room()` resolves. */
  get hasRoom(): boolean {
    return !this.queues.isFull;
  }

  /** Resolves when the queues have room again, or after `timeoutMs` (so the caller can heartbeat). */
  room(timeoutMs: number): Promise<void> {
    if (this.hasRoom) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.roomWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  acquire(endpoint: string, tenant: string): Promise<Admission> {
    if (this.closed) return Promise.resolve('abandon');
    const verdict = this.verdict(endpoint, tenant);
    if (verdict === 'start' && this.queues.sizeOf(endpoint) === 0) {
      this.slots.take(endpoint, tenant);
      return Promise.resolve('run');
    }
    return new Promise((resolve) => {
      const waiter: Waiter = { tenant, resolve, timer: undefined };
      // A proven-fast endpoint's burst may queue past the bounds (memory stays bounded by the
      // intake's pending limit); anyone else's excess beyond its queue moves aside at once.
      const pastBounds = this.provenFast(endpoint) && this.slots.inFlight < this.totalSlots;
      if (!this.queues.offer(endpoint, waiter, pastBounds)) {
        resolve('defer');
        return;
      }
      this.arm(endpoint, waiter);
    });
  }

  release(endpoint: string, tenant: string): void {
    this.slots.release(endpoint, tenant);
    this.pump();
  }

  /** Shutdown: every waiting task, and any that asks later, is abandoned (its offset stays uncommitted). */
  abandonAll(): void {
    this.closed = true;
    for (const waiter of this.queues.clear()) {
      clearTimeout(waiter.timer);
      waiter.resolve('abandon');
    }
    this.wakeRoomWaiters();
  }

  /** Whether `endpoint` has shown it is fast: it answered, and its pace is under `slowMs`. */
  private provenFast(endpoint: string): boolean {
    const pace = this.paceOf(endpoint);
    return pace?.answered === true && pace.ms < this.slowMs;
  }

  /**
   * Slots for `endpoint`: only a proven-fast endpoint may borrow past its share; a new one might
   * be slow and hold what it borrowed for as long as its requests take.
   */
  private verdict(endpoint: string, tenant: string): SlotVerdict {
    return this.slots.verdict(endpoint, tenant, this.provenFast(endpoint));
  }

  /** An endpoint whose requests take `slowMs` or longer (see DeferralPlanner.paceOf). */
  private isSlow(endpoint: string): boolean {
    return (this.paceOf(endpoint)?.ms ?? 0) >= this.slowMs;
  }

  /**
   * Whether a task of `endpoint` over its share should make way (move aside): its endpoint is
   * slow, or the instance is full. A fast endpoint over its share on an instance with room
   * waits on: moving it aside would only add Kafka writes and delay, and free nothing anyone
   * else is waiting for (others wait for their own shares).
   */
  private shouldMakeWay(endpoint: string): boolean {
    return this.isSlow(endpoint) || this.slots.inFlight >= this.totalSlots;
  }

  /**
   * At its deadline a waiter over its share is moved aside if its endpoint should make way; one
   * waiting for a full instance, or of a fast endpoint nobody else competes with, waits on.
   */
  private arm(endpoint: string, waiter: Waiter): void {
    waiter.timer = setTimeout(() => {
      const verdict = this.verdict(endpoint, waiter.tenant);
      if (verdict === 'wait' || (verdict === 'over-share' && !this.shouldMakeWay(endpoint))) {
        this.arm(endpoint, waiter);
        return;
      }
      if (!this.queues.remove(endpoint, waiter)) return;
      if (verdict === 'start') {
        this.slots.take(endpoint, waiter.tenant);
        waiter.resolve('run');
      } else {
        waiter.resolve('defer');
      }
      this.wakeRoomWaiters();
    }, this.maxWaitMs);
  }

  /** Hands free slots to waiting tasks, round-robin over endpoints. */
  private pump(): void {
    for (;;) {
      const next = this.queues.takeNext(
        (endpoint, waiter) => this.verdict(endpoint, waiter.tenant) === 'start',
      );
      if (!next) break;
      clearTimeout(next.item.timer);
      this.slots.take(next.endpoint, next.item.tenant);
      next.item.resolve('run');
    }
    this.wakeRoomWaiters();
  }

  private wakeRoomWaiters(): void {
    if (!this.hasRoom) return;
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of waiters) wake();
  }
}
