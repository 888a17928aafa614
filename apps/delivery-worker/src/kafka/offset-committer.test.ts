import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { Consumer } from 'kafkajs';
import { OffsetCommitter } from './offset-committer.js';
import { OffsetTracker } from './offset-tracker.js';

const COMMIT_OFFSETS = 'consumer.commit_offsets';

/** A consumer whose commitOffsets resolves; `confirm` decides whether the broker really committed. */
function fakeConsumer(confirm: boolean) {
  const emitter = new EventEmitter();
  const consumer = {
    events: { COMMIT_OFFSETS },
    on: (event: string, listener: (event: unknown) => void) => emitter.on(event, listener),
    commitOffsets: async (offsets: Array<{ topic: string; partition: number; offset: string }>) => {
      if (!confirm) return; // kafkajs when its runner is not running: resolves, commits nothing
      const byTopic = new Map<string, Array<{ partition: number; offset: string }>>();
      for (const { topic, partition, offset } of offsets) {
        byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partition, offset }]);
      }
      emitter.emit(COMMIT_OFFSETS, {
        payload: { topics: [...byTopic].map(([topic, partitions]) => ({ topic, partitions })) },
      });
    },
  };
  return consumer as unknown as Consumer;
}

const trackerWithDoneRecord = () => {
  const tracker = new OffsetTracker();
  tracker.begin('t', 0, '5');
  tracker.complete('t', 0, '5');
  return tracker;
};

test('a commit the broker confirmed is not sent again', async () => {
  const tracker = trackerWithDoneRecord();
  await new OffsetCommitter(fakeConsumer(true), tracker, () => {}).commit();
  assert.deepEqual(tracker.committable(), []);
});

test('a commit kafkajs skipped (resolved without committing) is still owed and sent again', async () => {
  const tracker = trackerWithDoneRecord();
  await new OffsetCommitter(fakeConsumer(false), tracker, () => {}).commit();
  assert.deepEqual(tracker.committable(), [{ topic: 't', partition: 0, offset: '6' }]);
});

test('a failed commit is reported and still owed', async () => {
  const tracker = trackerWithDoneRecord();
  const errors: string[] = [];
  const consumer = {
    ...fakeConsumer(true),
    events: { COMMIT_OFFSETS },
    on: () => {},
    commitOffsets: async () => {
      throw new Error('rebalance in progress');
    },
  } as unknown as Consumer;
  await new OffsetCommitter(consumer, tracker, (error) => errors.push(error.message)).commit();
  assert.deepEqual(errors, ['rebalance in progress']);
  assert.equal(tracker.committable().length, 1);
});
