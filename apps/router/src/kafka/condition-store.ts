import { randomUUID } from 'node:crypto';
import { decodeJson, RouterStateRecord } from '@hookstream/kafka';
import type { Consumer, Kafka } from 'kafkajs';
import { PartitionState } from '../routing/partition-state.js';

export interface ConditionStoreOptions {
  kafka: Kafka;
  /** The router-state changelog topic (partitioned like the events topic). */
  topic: string;
  /** Most time one restore may take before the batch is retried, in ms. */
  restoreTimeoutMs: number;
  log: { log: (entry: object) => void; warn: (entry: object) => void };
}

/** The state of a partition could not be restored (timeout, broker error): retry the batch. */
export class StateRestoreFailed extends Error {
  constructor(partition: number, cause: unknown) {
    super(`condition state of partition ${partition} not restored: ${(cause as Error).message}`);
    this.name = 'StateRestoreFailed';
  }
}

/** Waits in slices no longer than this, in ms, heartbeating between them. */
const RESTORE_WAIT_SLICE_MS = 1_000;

/**
 * The committed condition state of the events partitions this router owns. A partition's state
 * is restored from the changelog partition of the same number before its first batch is
 * routed, and forgotten whenever the group assignment changes (another router may have
 * advanced it meanwhile), so a restart or a rebalance resumes from what was committed: never
 * less (nothing forgotten) and never more (nothing counted twice, since the state and the
 * fan-out commit in one transaction).
 */
export class ConditionStore {
  private readonly partitions = new Map<number, PartitionState>();
  private restoring: Promise<void> | null = null;
  private generation = 0;

  constructor(private readonly options: ConditionStoreOptions) {}

  /** The group assignment changed: forget every partition, restore each again before use. */
  reset(): void {
    this.partitions.clear();
    this.generation += 1;
  }

  /**
   * The committed state of `partition`, restored first if needed. Heartbeats while it waits;
   * a failing heartbeat (the group is rebalancing) is rethrown as it is, so kafkajs rejoins.
   * Throws StateRestoreFailed when the restore fails.
   */
  async stateOf(partition: number, heartbeat: () => Promise<void>): Promise<PartitionState> {
    for (;;) {
      const known = this.partitions.get(partition);
      if (known) return known;
      // One restore at a time; a batch of another partition waits for it, then starts its own.
      this.restoring ??= this.restore(partition).finally(() => {
        this.restoring = null;
      });
      const outcome = this.restoring.then(
        () => null,
        (error: unknown) => new StateRestoreFailed(partition, error),
      );
      for (;;) {
        const settled = await Promise.race([
          outcome,
          new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), RESTORE_WAIT_SLICE_MS)),
        ]);
        if (settled === 'waiting') {
          await heartbeat();
          continue;
        }
        if (settled !== null) throw settled;
        break;
      }
    }
  }

  /** After a commit: the batch's state changes are now the partition's committed state. */
  apply(partition: number, records: readonly RouterStateRecord[]): void {
    this.partitions.get(partition)?.apply(records);
  }

  /**
   * Reads changelog partition `partition` from the beginning to its end as of now, with a
   * throw-away consumer group (kafkajs cannot assign partitions by hand) and read_committed,
   * so only state of committed fan-outs is restored.
   */
  private async restore(partition: number): Promise<void> {
    const generation = this.generation;
    const started = Date.now();
    const admin = this.options.kafka.admin();
    await admin.connect();
    let end: { high: string; low: string } | undefined;
    try {
      end = (await admin.fetchTopicOffsets(this.options.topic)).find(
        (entry) => entry.partition === partition,
      );
    } finally {
      await admin.disconnect();
    }
    const state = new PartitionState();
    if (end && end.high !== end.low) await this.readUntil(partition, Number(end.high), state);
    // A rebalance during the restore makes it stale: the next batch restores again.
    if (generation !== this.generation) return;
    this.partitions.set(partition, state);
    this.options.log.log({
      msg: 'condition state restored',
      partition,
      entries: state.size,
      ms: Date.now() - started,
    });
  }

  private async readUntil(partition: number, endOffset: number, state: PartitionState): Promise<void> {
    const consumer: Consumer = this.options.kafka.consumer({
      groupId: `router.state-restore.${randomUUID()}`,
      maxWaitTimeInMs: 50,
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `condition state of partition ${partition} not restored within ${this.options.restoreTimeoutMs} ms`,
              ),
            ),
          this.options.restoreTimeoutMs,
        );
        // Batches of only transaction markers or aborted records reach no handler; this event
        // still reports how far the consumer got.
        consumer.on(consumer.events.END_BATCH_PROCESS, ({ payload }) => {
          if (payload.partition !== partition) return;
          if (Number(payload.lastOffset) + 1 >= endOffset) {
            clearTimeout(timer);
            resolve();
          }
        });
        const run = async () => {
          await consumer.connect();
          await consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
          await consumer.run({
            autoCommit: false,
            eachBatch: async ({ batch }) => {
              if (batch.partition !== partition) return;
              for (const message of batch.messages) {
                const decoded = decodeJson(RouterStateRecord, message.value);
                if (decoded.ok) state.apply([decoded.value]);
                else
                  this.options.log.warn({
                    msg: 'skipped an invalid router-state record',
                    offset: message.offset,
                    reason: decoded.reason,
                  });
              }
            },
          });
        };
        run().catch((error: unknown) => {
          clearTimeout(timer);
          reject(error);
        });
      });
    } finally {
      await consumer.disconnect().catch(() => {});
    }
  }
}
