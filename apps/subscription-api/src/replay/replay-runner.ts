import { parseEvent } from '@hookstream/events';
import type { DeliveryTask, SubscriptionRecord } from '@hookstream/kafka';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import type pg from 'pg';
import { PG_POOL } from '../database/database.module.js';
import { API_ENV, type ApiEnv } from '../env.js';
import { ApiKafka } from '../kafka/kafka.module.js';
import { type PartitionRange, partitionRanges, replayMessageId } from './plan-replay.js';
import { ReplayFilter } from './replay-filter.js';
import { addProgress, finishReplay } from './replays.repository.js';

export interface ReplayJob {
  id: string;
  subscription: SubscriptionRecord;
  since: Date;
  until: Date;
  eventTypes: string[] | null;
}

/** How often a running replay reports that it is alive, in ms (readers call it failed after 60 s). */
const HEARTBEAT_MS = 5_000;

/**
 * Runs replays in this API instance. Each reads the events topic over its window with its own
 * throw-away consumer group, positioned by seek and never committed, so live routing (the
 * router's group and offsets) is untouched. Matching tasks go straight to the deliveries topic.
 * Bounded: at most REPLAY_MAX_EVENTS records scanned and REPLAY_MAX_DURATION_MS per replay.
 */
@Injectable()
export class ReplayRunner implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ReplayRunner.name);
  private readonly running = new Map<string, { consumer: Consumer | null; finished: Promise<void> }>();

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(API_ENV) private readonly env: ApiEnv,
    @Inject(ApiKafka) private readonly kafka: ApiKafka,
  ) {}

  /** Starts the replay in the background; progress and the result go to its row. */
  start(job: ReplayJob): void {
    const entry: { consumer: Consumer | null; finished: Promise<void> } = {
      consumer: null,
      finished: Promise.resolve(),
    };
    entry.finished = this.run(job, entry)
      .then(
        () => finishReplay(this.pool, job.id, null),
        (error: Error) => {
          this.logger.warn({ msg: 'replay failed', replayId: job.id, error: error.message });
          return finishReplay(this.pool, job.id, error.message);
        },
      )
      .catch((error: Error) =>
        this.logger.error({ msg: 'could not record a replay result', error: error.message }),
      )
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, entry);
  }

  /**
   * Stops running replays (they end as failed: "stopped") before the pool closes, so their
   * result is recorded and the process can exit.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const entries = [...this.running.values()];
    await Promise.all(entries.map((entry) => entry.consumer?.stop()));
    await Promise.all(entries.map((entry) => entry.finished));
  }

  private async run(job: ReplayJob, entry: { consumer: Consumer | null }): Promise<void> {
    const topic = this.kafka.connection.topics.events;
    const admin = this.kafka.connection.kafka.admin();
    await admin.connect();
    let ranges: PartitionRange[];
    try {
      const starts = await admin.fetchTopicOffsetsByTimestamp(topic, job.since.getTime());
      // No record at or after `until`: the end is the high watermark as of now.
      const ends = await admin.fetchTopicOffsetsByTimestamp(topic, job.until.getTime());
      ranges = partitionRanges(starts, ends);
    } finally {
      await admin.disconnect();
    }
    if (ranges.length === 0) return;

    const groupId = `${this.env.HOOKSTREAM_TOPIC_PREFIX}replay-${job.id}`;
    const consumer = this.kafka.connection.kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
    entry.consumer = consumer;
    const remaining = new Map(ranges.map((range) => [range.partition, range]));
    // One per replay: conditions' change_pct values and cooldown live for this window only.
    const filter = new ReplayFilter(job.subscription, job.eventTypes);
    let scanned = 0;
    let outcome: { error: Error | null } | null = null;
    let settle: () => void = () => {};
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const end = (error: Error | null) => {
      outcome ??= { error };
      settle();
    };
    const heartbeat = setInterval(
      () => void addProgress(this.pool, job.id, 0, 0).catch(() => {}),
      HEARTBEAT_MS,
    );
    const deadline = setTimeout(
      () => end(new Error(`stopped after REPLAY_MAX_DURATION_MS (${this.env.REPLAY_MAX_DURATION_MS} ms)`)),
      this.env.REPLAY_MAX_DURATION_MS,
    );
    consumer.on(consumer.events.STOP, () => end(new Error('stopped: the API instance is shutting down')));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async (payload: EachBatchPayload) => {
          const range = remaining.get(payload.batch.partition);
          if (!range || outcome) return;
          const { tasks, count, reachedEnd } = this.collect(job, filter, range, payload.batch.messages);
          if (tasks.length > 0) {
            await this.kafka.producer.send({
              topic: this.kafka.connection.topics.deliveries,
              acks: -1,
              messages: tasks,
            });
          }
          scanned += count;
          await addProgress(this.pool, job.id, count, tasks.length);
          const last = payload.batch.messages.at(-1);
          if (last) payload.resolveOffset(last.offset);
          if (reachedEnd) remaining.delete(range.partition);
          if (remaining.size === 0) end(null);
          else if (scanned >= this.env.REPLAY_MAX_EVENTS) {
            end(
              new Error(
                `stopped after REPLAY_MAX_EVENTS (${this.env.REPLAY_MAX_EVENTS}) records; narrow the window`,
              ),
            );
          }
          await payload.heartbeat();
        },
      });
      for (const range of ranges)
        consumer.seek({ topic, partition: range.partition, offset: range.from.toString() });
      await settled;
    } finally {
      clearInterval(heartbeat);
      clearTimeout(deadline);
      await consumer.disconnect().catch(() => {});
      await this.deleteGroup(groupId);
    }
    const result = outcome as { error: Error | null } | null;
    if (result?.error) throw result.error;
  }

  /** The tasks one fetched batch yields; pure apart from reading the clock for createdAt. */
  private collect(job: ReplayJob, filter: ReplayFilter, range: PartitionRange, messages: KafkaMessage[]) {
    const tasks: Array<{ key: Buffer | string | null; value: string }> = [];
    let count = 0;
    let reachedEnd = false;
    const since = job.since.getTime();
    const until = job.until.getTime();
    for (const message of messages) {
      const offset = BigInt(message.offset);
      if (offset < range.from) continue;
      if (offset >= range.to) {
        reachedEnd = true;
        break;
      }
      count++;
      if (offset === range.to - 1n) reachedEnd = true;
      // Producer timestamps need not grow with offsets: the window is checked per record too.
      const at = Number(message.timestamp);
      if (at < since || at >= until) continue;
      const parsed = parseEvent(message.value);
      if (!parsed.ok) continue;
      const body = filter.bodyFor(parsed.event, message.key ?? null, range.partition);
      if (body === null) continue;
      const task: DeliveryTask = {
        messageId: replayMessageId(job.id, parsed.event.id, job.subscription.id),
        eventId: parsed.event.id,
        eventType: parsed.event.type,
        tenantId: parsed.event.tenantId,
        accountId: parsed.event.accountId ?? null,
        subscriptionId: job.subscription.id,
        payload: body,
        attempt: 1,
        createdAt: new Date().toISOString(),
        notBefore: null,
      };
      tasks.push({ key: message.key ?? job.subscription.id, value: JSON.stringify(task) });
    }
    return { tasks, count, reachedEnd };
  }

  private async deleteGroup(groupId: string): Promise<void> {
    const admin = this.kafka.connection.kafka.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([groupId]);
    } catch {
      // An empty group without offsets expires on its own; deleting it is tidiness only.
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }
}
