import {
  DeliveryTask,
  decodeJson,
  GroupConsumer,
  type KafkaConnection,
  retryStartup,
  retryTopicForDelay,
  type SubscriptionView,
} from '@hookstream/kafka';
import { Readiness } from '@hookstream/service-kit';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Consumer, EachBatchPayload, KafkaMessage, Producer } from 'kafkajs';
import type { DeliverTask } from '../delivery/deliver-task.use-case.js';
import type { Outcome } from '../delivery/outcome.js';
import { WORKER_ENV, type WorkerEnv } from '../env.js';
import { WorkerMetrics } from '../worker.metrics.js';
import { OffsetTracker } from './offset-tracker.js';
import { OutcomePublisher, type SourceRecord } from './outcome-publisher.js';
import { DELIVER_TASK, SUBSCRIPTION_VIEW, WORKER_KAFKA } from './tokens.js';

/** Longest single pause of a retry partition before it looks again, in ms. */
const MAX_HOLD_MS = 30_000;
/** Back-off between tries to make an outcome durable while Kafka refuses, in ms. */
const PUBLISH_RETRY_MS = 1_000;

/**
 * Thin Kafka handler for the deliveries topic and every retry tier. Records of one partition
 * are worked on concurrently (up to WORKER_MAX_IN_FLIGHT across the instance), so one slow
 * endpoint never holds up the others; the OffsetTracker commits only what is done. A retry
 * record due within its tier's delay pauses its partition until it is due; one due later (a
 * long Retry-After) is moved to the tier for the time left.
 */
@Injectable()
export class DeliveryConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveryConsumer.name);
  private readonly group: GroupConsumer;
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly outcomes: OutcomePublisher;
  private readonly tracker = new OffsetTracker();
  /** Retry topic → how long its head may hold the partition, in ms (looked up per record). */
  private readonly holdLimits: ReadonlyMap<string, number>;
  private readonly holds = new Set<NodeJS.Timeout>();
  private slotWaiters: Array<() => void> = [];
  private commitTimer: NodeJS.Timeout | undefined;
  private draining = false;

  constructor(
    @Inject(WORKER_ENV) private readonly env: WorkerEnv,
    @Inject(WORKER_KAFKA) private readonly connection: KafkaConnection,
    @Inject(SUBSCRIPTION_VIEW) private readonly view: SubscriptionView,
    @Inject(DELIVER_TASK) private readonly deliverTask: DeliverTask,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
    @Inject(Readiness) readiness: Readiness,
  ) {
    const groupId = env.WORKER_GROUP_ID ?? `${env.HOOKSTREAM_TOPIC_PREFIX}delivery-worker`;
    this.group = new GroupConsumer(connection.kafka, {
      groupId,
      sessionTimeoutMs: env.KAFKA_SESSION_TIMEOUT_MS,
      // Never commit over a partition's new owner after a rebalance.
      onAssignment: (assignment) => this.tracker.retainOnly(assignment),
      log: this.logger,
    });
    this.consumer = this.group.consumer;
    this.producer = connection.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    this.outcomes = new OutcomePublisher(this.producer, connection.topics);
    this.holdLimits = new Map(connection.topics.retry.map((entry) => [entry.name, entry.holdLimitMs]));
    readiness.register('subscriptionView', () => this.view.ready);
    readiness.register('consumerGroup', () => this.group.isJoined);
  }

  async onApplicationBootstrap(): Promise<void> {
    const onRetry = (what: string, error: Error) =>
      this.logger.warn({ msg: `${what} failed; retrying`, error: error.message });
    await retryStartup('producer connect', () => this.producer.connect(), { onRetry });
    const topics = [
      this.connection.topics.deliveries,
      ...this.connection.topics.retry.map((tier) => tier.name),
    ];
    await this.group.start(topics, {
      autoCommit: false,
      eachBatchAutoResolve: false,
      // Partitions are fetched and fed concurrently; the in-flight limit is global.
      partitionsConsumedConcurrently: topics.length * 3,
      eachBatch: (payload) => this.feed(payload),
    });
    this.commitTimer = setInterval(() => void this.commit(), this.env.WORKER_COMMIT_INTERVAL_MS);
  }

  /** Stops taking work, lets in-flight deliveries finish (bounded), commits them, leaves. */
  async beforeApplicationShutdown(): Promise<void> {
    this.draining = true;
    for (const hold of this.holds) clearTimeout(hold);
    const deadline = Date.now() + this.env.DELIVERY_TIMEOUT_MS + 5_000;
    while (this.tracker.inFlight > 0 && Date.now() < deadline) await sleep(50);
    clearInterval(this.commitTimer);
    await this.commit();
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  private async feed({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
    pause,
  }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    for (const message of batch.messages) {
      if (this.draining || !isRunning() || isStale()) return;
      const decoded = decodeJson(DeliveryTask, message.value);
      const waitMs =
        decoded.ok && decoded.value.notBefore ? Date.parse(decoded.value.notBefore) - Date.now() : 0;
      // A record due later than its tier allows (clock skew, another version wrote it) moves
      // to a longer tier rather than blocking records behind it that are due sooner.
      const forward = waitMs > 0 && waitMs > (this.holdLimits.get(topic) ?? 0);
      if (waitMs > 0 && !forward) {
        // Due within this tier's delay: what is behind it was enqueued later, so hold the
        // partition until the head is due.
        const resume = pause();
        this.consumer.seek({ topic, partition, offset: message.offset });
        const hold = setTimeout(
          () => {
            this.holds.delete(hold);
            resume();
          },
          Math.min(waitMs, MAX_HOLD_MS),
        );
        this.holds.add(hold);
        return;
      }
      while (this.tracker.inFlight >= this.env.WORKER_MAX_IN_FLIGHT) {
        await this.slotFreed(1_000);
        await heartbeat();
        if (this.draining || !isRunning() || isStale()) return;
      }
      resolveOffset(message.offset);
      if (!this.tracker.begin(topic, partition, message.offset)) continue;
      this.metrics.tasksConsumed.inc({ topic });
      this.metrics.inFlight.set(this.tracker.inFlight);
      const source: SourceRecord = { topic, partition, offset: message.offset, key: message.key };
      const work =
        forward && decoded.ok
          ? this.requeue(decoded.value, waitMs, source)
          : this.work(decoded, message, source);
      void work.then((durable) => {
        // Only a durable outcome lets the offset be committed; otherwise the record is
        // worked on again after a restart.
        if (durable) this.tracker.complete(topic, partition, message.offset);
        else this.tracker.abandon(topic, partition, message.offset);
        this.metrics.inFlight.set(this.tracker.inFlight);
        this.releaseSlot();
      });
    }
    await heartbeat();
  }

  /** Moves a task that is due later than its tier allows to the tier for what is left. */
  private async requeue(task: DeliveryTask, waitMs: number, source: SourceRecord): Promise<boolean> {
    const target = retryTopicForDelay(this.connection.topics, waitMs);
    return this.durably(() => this.outcomes.requeue(task, target, source));
  }

  /** Resolves true once the outcome is durable; false when shutdown interrupted it. Never rejects. */
  private async work(
    decoded: ReturnType<typeof decodeJson<typeof DeliveryTask>>,
    message: KafkaMessage,
    source: SourceRecord,
  ): Promise<boolean> {
    if (!decoded.ok) {
      this.metrics.invalidTasks.inc();
      return this.durably(() =>
        this.outcomes.deadLetterRaw(message.value, message.headers, decoded.reason, source),
      );
    }
    let outcome: Outcome;
    try {
      outcome = await this.deliverTask.execute(decoded.value);
    } catch (error) {
      // A bug, not an endpoint failure: park the task where an operator can see and redrive it.
      this.logger.error({ msg: 'delivery failed unexpectedly', error: (error as Error).stack });
      const reason = `internal error: ${(error as Error).message}`;
      return this.durably(() => this.outcomes.deadLetterRaw(message.value, message.headers, reason, source));
    }
    const durable = await this.durably(() => this.outcomes.publish(outcome, source));
    if (durable)
      this.metrics.recordOutcome(
        outcome.attempt.outcome,
        outcome.attempt.durationMs,
        decoded.value.createdAt,
      );
    return durable;
  }

  /** Retries until Kafka takes the outcome (true), or until shutdown stops trying (false). */
  private async durably(publish: () => Promise<void>): Promise<boolean> {
    for (;;) {
      try {
        await publish();
        return true;
      } catch (error) {
        this.metrics.publishFailures.inc();
        this.logger.warn({
          msg: 'could not make an outcome durable; retrying',
          error: (error as Error).message,
        });
        if (this.draining) return false;
        await sleep(PUBLISH_RETRY_MS);
      }
    }
  }

  private async commit(): Promise<void> {
    const offsets = this.tracker.committable();
    if (offsets.length === 0) return;
    try {
      await this.consumer.commitOffsets(offsets);
      this.tracker.markCommitted(offsets);
    } catch (error) {
      // A rebalance is under way; the next tick (or the new owner) commits.
      this.logger.warn({ msg: 'offset commit failed', error: (error as Error).message });
    }
  }

  private slotFreed(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.slotWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private releaseSlot(): void {
    const waiters = this.slotWaiters;
    this.slotWaiters = [];
    for (const wake of waiters) wake();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
