import { type SubscriptionView, startConsumerSpan, type TopicNames, traceHeadersOf } from '@hookstream/kafka';
import { type Span, SpanStatusCode } from '@opentelemetry/api';
import type { EachBatchPayload } from 'kafkajs';
import type { RouterMetrics } from '../router.metrics.js';
import type { MatchIndex } from '../routing/match-index.js';
import { planBatch } from '../routing/plan-batch.js';
import { type ConditionStore, StateRestoreFailed } from './condition-store.js';
import type { TransactionalWriter } from './transactional-writer.js';

export interface RouteBatchDeps {
  groupId: string;
  topics: Pick<TopicNames, 'deliveries' | 'quarantine' | 'routerState'>;
  view: SubscriptionView;
  /** Matching over the view; rebuilt per tenant when the view changes. */
  matcher: MatchIndex;
  /** Committed condition state (change_pct previous values, cooldowns) per owned partition. */
  store: ConditionStore;
  writer: TransactionalWriter;
  metrics: RouterMetrics;
  /** How long a batch waits for the subscription view to catch up, in ms. */
  viewCatchUpTimeoutMs: number;
}

/** A batch that must be fetched again; kafkajs retries it with backoff (retriable error). */
class BatchNotRouted extends Error {
  readonly retriable = true;
  constructor(why: string) {
    super(why);
    this.name = 'BatchNotRouted';
  }
}

/**
 * The thin Kafka handler: plan the batch (pure), write the plan and the consumed position in
 * one transaction, then tell kafkajs the records are done. When anything fails the offsets
 * are not resolved and the error makes kafkajs fetch the same records again, from the last
 * committed position.
 */
export function routeBatchHandler(deps: RouteBatchDeps) {
  return async ({ batch, resolveOffset, heartbeat, isStale }: EachBatchPayload): Promise<void> => {
    if (batch.isEmpty() || isStale()) return;
    const stopTimer = deps.metrics.batchDuration.startTimer();
    await waitForView(deps, heartbeat);
    let state: Awaited<ReturnType<ConditionStore['stateOf']>>;
    try {
      state = await deps.store.stateOf(batch.partition, heartbeat);
    } catch (error) {
      throw new BatchNotRouted(
        `condition state not restored (${(error as Error).message}); retrying the batch`,
      );
    }
    // One CONSUMER span per event ("process <events topic>", continuing the producer's trace);
    // its traceparent goes on the event's delivery tasks. Ended once the transaction decided.
    const spans: Span[] = [];
    const plan = planBatch(batch, batch.messages, deps.matcher, new Date(), state, (record) => {
      const span = startConsumerSpan(
        { topic: batch.topic, partition: batch.partition, offset: record.offset, headers: record.headers },
        { consumerGroup: deps.groupId },
      );
      spans.push(span);
      return traceHeadersOf(span);
    });
    const lastOffset = batch.lastOffset();
    const outcome = await deps.writer.write(
      [
        { topic: deps.topics.deliveries, messages: plan.deliveries },
        { topic: deps.topics.quarantine, messages: plan.quarantined },
        // In the same transaction: the state moves on exactly when the fan-out it decided commits.
        { topic: deps.topics.routerState, messages: plan.stateMessages },
      ],
      {
        groupId: deps.groupId,
        topic: batch.topic,
        partition: batch.partition,
        nextOffset: (BigInt(lastOffset) + 1n).toString(),
      },
      heartbeat,
    );
    for (const span of spans) {
      if (outcome === 'retry')
        span.setStatus({ code: SpanStatusCode.ERROR, message: 'transaction failed; batch retried' });
      span.end();
    }
    if (outcome === 'retry') {
      deps.metrics.batchFailures.inc();
      throw new BatchNotRouted('the batch’s transaction failed; retrying the batch');
    }
    deps.store.apply(batch.partition, plan.stateChanges);
    resolveOffset(lastOffset);
    await heartbeat();
    deps.metrics.eventsConsumed.inc(batch.messages.length);
    deps.metrics.eventsUnmatched.inc(plan.unmatched);
    deps.metrics.deliveriesProduced.inc(plan.deliveries.length);
    deps.metrics.conditionsNotMet.inc(plan.conditionsNotMet);
    deps.metrics.cooldownSuppressed.inc(plan.cooldownSuppressed);
    for (const code of plan.quarantineCodes) deps.metrics.eventsQuarantined.inc({ code });
    stopTimer();
  };
}

/** Waits in slices no longer than this, in ms, heartbeating between them. */
const VIEW_WAIT_SLICE_MS = 1_000;

/**
 * The read-your-writes barrier: a subscription the API acknowledged before an event was
 * published is in the view before that event is matched. Heartbeats between slices keep this
 * member in the group (sessions are a few seconds) while it waits.
 */
async function waitForView(deps: RouteBatchDeps, heartbeat: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + deps.viewCatchUpTimeoutMs;
  for (;;) {
    const sliceMs = Math.max(1, Math.min(VIEW_WAIT_SLICE_MS, deadline - Date.now()));
    if (await deps.view.waitUntilCaughtUp(sliceMs)) return;
    if (Date.now() >= deadline) throw new BatchNotRouted('subscription view is behind; retrying the batch');
    await heartbeat();
  }
}
