import { HEADERS } from '@hookstream/kafka';
import type { IHeaders, Message } from 'kafkajs';
import { routeEvent, type SubscriptionsOfTenant } from './route-event.js';

/** One record of the events topic, as the planner needs it. */
export interface SourceRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
  offset: string;
}

/** Where a batch was read from; quarantined records carry it in their headers. */
export interface BatchSource {
  topic: string;
  partition: number;
}

/** Everything one batch of the events topic turns into, before anything is written. */
export interface BatchPlan {
  /** One delivery task per (event, matching subscription), keyed by the event's key. */
  deliveries: Message[];
  /** Records that failed validation, unchanged, with the reason and their origin in headers. */
  quarantined: Message[];
  /** Reason code of each quarantined record, in order (for metrics). */
  quarantineCodes: string[];
  /** Valid events that no subscription wanted. */
  unmatched: number;
}

/**
 * The router's decision for a whole batch, as a pure function of the records, the
 * subscriptions and the clock: what goes to the deliveries topic and what to quarantine.
 * Order is the records' order, so per-key order survives into the outputs.
 */
export function planBatch(
  source: BatchSource,
  records: readonly SourceRecord[],
  subscriptionsOf: SubscriptionsOfTenant,
  now: Date,
): BatchPlan {
  const plan: BatchPlan = { deliveries: [], quarantined: [], quarantineCodes: [], unmatched: 0 };
  for (const record of records) {
    const decision = routeEvent(record.value, subscriptionsOf, now);
    if (decision.kind === 'quarantine') {
      plan.quarantined.push({
        key: record.key,
        value: record.value,
        headers: {
          ...record.headers,
          [HEADERS.quarantineCode]: decision.code,
          [HEADERS.quarantineReason]: decision.reason,
          [HEADERS.sourceTopic]: source.topic,
          [HEADERS.sourcePartition]: String(source.partition),
          [HEADERS.sourceOffset]: record.offset,
        },
      });
      plan.quarantineCodes.push(decision.code);
      continue;
    }
    if (decision.tasks.length === 0) plan.unmatched += 1;
    for (const task of decision.tasks) {
      // The event's key keeps one entity's tasks on one partition, in order; an event without
      // a key spreads by subscription instead.
      plan.deliveries.push({ key: record.key ?? task.subscriptionId, value: JSON.stringify(task) });
    }
  }
  return plan;
}
