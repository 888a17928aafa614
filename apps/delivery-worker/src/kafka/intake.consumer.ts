import { DeliveryTask, decodeJson } from '@hookstream/kafka';
import type { Consumer, EachBatchPayload } from 'kafkajs';
import { decideIntake } from '../intake/decide-intake.js';
import type { DeliveryLanes } from '../intake/delivery-lanes.js';
import type { DeliveryPipeline } from '../intake/delivery-pipeline.js';
import type { WorkerMetrics } from '../worker.metrics.js';
import type { OffsetTracker } from './offset-tracker.js';

/** Longest single pause of a retry partition before it looks again, in ms. */
const MAX_HOLD_MS = 30_000;
/** How often the intake heartbeats while fetching waits for room, in ms. */
const ROOM_POLL_MS = 1_000;

export interface IntakeDeps {
  consumer: Pick<Consumer, 'seek'>;
  tracker: OffsetTracker;
  lanes: DeliveryLanes;
  pipeline: DeliveryPipeline;
  metrics: WorkerMetrics;
  /** Retry topic → how long its head may hold the partition, in ms. */
  holdLimits: ReadonlyMap<string, number>;
  /** Records begun and not yet durable, at most (in flight, queued, being written): bounds memory. */
  maxPending: number;
  isStopping: () => boolean;
}

/**
 * The Kafka handler, thin: for each record of a batch, decide (pure), then either pause the
 * partition until the record is due, or hand the record to the pipeline without waiting for
 * it. Fetching slows down only when the in-memory queues are full.
 */
export class Intake {
  private readonly holds = new Set<NodeJS.Timeout>();
  private pendingWaiters: Array<() => void> = [];

  constructor(private readonly deps: IntakeDeps) {}

  async feed({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
    pause,
  }: EachBatchPayload): Promise<void> {
    const { tracker, lanes, pipeline, metrics, holdLimits } = this.deps;
    const { topic, partition } = batch;
    const stopped = () => this.deps.isStopping() || !isRunning() || isStale();
    for (const message of batch.messages) {
      if (stopped()) return;
      const decision = decideIntake({
        decoded: decodeJson(DeliveryTask, message.value),
        holdLimitMs: holdLimits.get(topic) ?? 0,
        nowMs: Date.now(),
      });
      if (decision.kind === 'hold') {
        // Due within this tier's delay: what is behind it was enqueued later, so hold the
        // partition until the head is due.
        this.hold(pause(), topic, partition, message.offset, decision.waitMs);
        return;
      }
      // Backpressure: memory holds at most maxPending records, and no more queued than allowed.
      while (!lanes.hasRoom || tracker.inFlight >= this.deps.maxPending) {
        await (lanes.hasRoom ? this.pendingFreed(ROOM_POLL_MS) : lanes.room(ROOM_POLL_MS));
        await heartbeat();
        if (stopped()) return;
      }
      resolveOffset(message.offset);
      if (!tracker.begin(topic, partition, message.offset)) continue;
      metrics.tasksConsumed.inc({ topic });
      const source = { topic, partition, offset: message.offset, key: message.key };
      void pipeline
        .handle(decision, { value: message.value, headers: message.headers }, source)
        .then((durable) => {
          // Only a durable outcome lets the offset be committed; otherwise the record is
          // worked on again after a restart.
          if (durable) tracker.complete(topic, partition, message.offset);
          else tracker.abandon(topic, partition, message.offset);
          metrics.queued.set(lanes.queued);
          this.wakePending();
        });
      metrics.queued.set(lanes.queued);
    }
    await heartbeat();
  }

  /** Clears the pause timers (shutdown). */
  stop(): void {
    for (const hold of this.holds) clearTimeout(hold);
    this.holds.clear();
    this.wakePending();
  }

  private pendingFreed(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.pendingWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private wakePending(): void {
    const waiters = this.pendingWaiters;
    this.pendingWaiters = [];
    for (const wake of waiters) wake();
  }

  private hold(resume: () => void, topic: string, partition: number, offset: string, waitMs: number): void {
    this.deps.consumer.seek({ topic, partition, offset });
    const timer = setTimeout(
      () => {
        this.holds.delete(timer);
        resume();
      },
      Math.min(waitMs, MAX_HOLD_MS),
    );
    this.holds.add(timer);
  }
}
