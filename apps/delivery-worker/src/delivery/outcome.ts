import type { AttemptRecord, DeliveryTask } from '@hookstream/kafka';

/**
 * Everything one attempt leaves behind, to be made durable in Kafka before its offset is
 * committed: always an attempt record, plus the task's next home if it was not delivered.
 */
export interface Outcome {
  attempt: AttemptRecord;
  /** The task for its next attempt, and the retry tier topic it waits in. */
  retry?: { task: DeliveryTask; tierTopic: string };
  /** The task as it failed for good, and why. */
  deadLetter?: { task: DeliveryTask; reason: string };
  /** What the answer says about the endpoint, for its breaker; absent when nothing was sent. */
  endpointHealth?: 'up' | 'down';
}
