import { HEADERS, type RouterStateRecord, routerStateKey, type ViewPosition } from '@hookstream/kafka';
import type { IHeaders, Message } from 'kafkajs';
import { BatchState, type ConditionStateReader, NO_STATE } from './condition-state.js';
import { type Matcher, routeEvent } from './route-event.js';

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
  /** Condition state the batch changed, for the router-state changelog (same partition as the source). */
  stateChanges: RouterStateRecord[];
  /** The same changes as changelog messages, keyed by routerStateKey, to the source's partition. */
  stateMessages: Message[];
  /** (event, subscription) pairs whose conditions did not pass. */
  conditionsNotMet: number;
  /** (event, subscription) pairs not delivered because of the subscription's cooldown. */
  cooldownSuppressed: number;
}

/**
 * The router's decision for a whole batch, as a pure function of the records, the
 * subscriptions, the condition state of the source partition and the clock: what goes to the
 * deliveries topic, what to quarantine, and how the condition state changes. Order is the
 * records' order, so per-key order survives into the outputs.
 */
export function planBatch(
  source: BatchSource,
  records: readonly SourceRecord[],
  matcher: Matcher,
  now: Date,
  stateBefore: ConditionStateReader = NO_STATE,
  /** Headers for the delivery tasks of one record (its trace context), called once per record. */
  traceHeadersFor: (record: SourceRecord) => IHeaders = () => ({}),
  /** The subscription view's position after the round's barrier, stamped on every task. */
  viewPosition?: ViewPosition,
): BatchPlan {
  // The state changes are known only once every record is routed; they are added at the end.
  const plan: Omit<BatchPlan, 'stateChanges' | 'stateMessages'> = {
    deliveries: [],
    quarantined: [],
    quarantineCodes: [],
    unmatched: 0,
    conditionsNotMet: 0,
    cooldownSuppressed: 0,
  };
  const state = new BatchState(stateBefore);
  for (const record of records) {
    const traceHeaders = traceHeadersFor(record);
    const decision = routeEvent(record, matcher, now, state, viewPosition);
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
    plan.conditionsNotMet += decision.conditionsNotMet;
    plan.cooldownSuppressed += decision.cooldownSuppressed;
    for (const task of decision.tasks) {
      // The event's key keeps one entity's tasks on one partition, in order; an event without
      // a key spreads by subscription instead.
      plan.deliveries.push({
        key: record.key ?? task.subscriptionId,
        value: JSON.stringify(task),
        headers: traceHeaders,
      });
    }
  }
  const stateChanges = state.records();
  const stateMessages = stateChanges.map((change) => ({
    key: routerStateKey(change),
    value: JSON.stringify(change),
    // The router that owns events partition p restores changelog partition p.
    partition: source.partition,
  }));
  return { ...plan, stateChanges, stateMessages };
}
