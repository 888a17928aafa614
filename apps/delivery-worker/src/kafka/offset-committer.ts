import type { Consumer } from 'kafkajs';
import type { OffsetTracker } from './offset-tracker.js';

/**
 * Commits what the tracker says is safe, and marks an offset committed only when the broker
 * confirmed it: kafkajs' `commitOffsets` also resolves without committing anything (the
 * consumer is not running: stopping, or restarting after a crash), so its resolving proves
 * nothing. The confirmation is kafkajs' COMMIT_OFFSETS event, emitted after the broker answered.
 */
export class OffsetCommitter {
  private committing: Promise<void> | undefined;

  constructor(
    private readonly consumer: Pick<Consumer, 'commitOffsets' | 'on' | 'events'>,
    private readonly tracker: OffsetTracker,
    private readonly onError: (error: Error) => void,
  ) {
    consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) => {
      tracker.markCommitted(
        payload.topics.flatMap(({ topic, partitions }) =>
          partitions.map(({ partition, offset }) => ({ topic, partition: Number(partition), offset })),
        ),
      );
    });
  }

  /** One commit at a time; a call while one runs waits for it instead of piling up. */
  commit(): Promise<void> {
    this.committing ??= this.commitOnce().finally(() => {
      this.committing = undefined;
    });
    return this.committing;
  }

  private async commitOnce(): Promise<void> {
    const offsets = this.tracker.committable();
    if (offsets.length === 0) return;
    try {
      await this.consumer.commitOffsets(offsets);
    } catch (error) {
      // A rebalance is under way or the broker is away; the next tick (or the new owner) commits.
      this.onError(error as Error);
    }
  }
}
