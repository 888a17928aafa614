import {
  GroupCommit,
  type ItemResult,
  type SubscriptionView,
  startConsumerSpan,
  type TopicNames,
  traceHeadersOf,
} from '@hookstream/kafka';
import { type Span, SpanStatusCode } from '@opentelemetry/api';
import type { EachBatchPayload } from 'kafkajs';
import type { RouterMetrics } from '../router.metrics.js';
import type { MatchIndex } from '../routing/match-index.js';
import { type BatchPlan, planBatch } from '../routing/plan-batch.js';
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

/** A batch handed to the shared round, with the payload functions the round needs. */
interface RoundItem {
  batch: EachBatchPayload['batch'];
  heartbeat: () => Promise<void>;
  isStale: () => boolean;
}

/** The round did not route this batch: its partition was revoked while it waited for the round. */
const STALE = Symbol('stale batch');

/** What the round did with one batch. */
type RoutedBatch =
  | {
      plan: BatchPlan;
      lastOffset: string;
    }
  | typeof STALE;

/**
 * The thin Kafka handler: hand the batch to the shared round (below), which plans it (pure)
 * and writes the plan and the consumed position in one transaction together with the other
 * partitions' batches of the same fetch; then tell kafkajs the records are done. When anything
 * fails the offsets are not resolved and the error makes kafkajs fetch the same records again,
 * from the last committed position.
 *
 * The consumer must run with `partitionsConsumedConcurrently` at least the number of events
 * partitions it may own, so the batches of a fetch reach this handler together.
 */
export function routeBatchHandler(deps: RouteBatchDeps) {
  const rounds = new GroupCommit<RoundItem, RoutedBatch>((items) => routeRound(deps, items));
  return async ({ batch, resolveOffset, heartbeat, isStale }: EachBatchPayload): Promise<void> => {
    if (batch.isEmpty() || isStale()) return;
    const stopTimer = deps.metrics.batchDuration.startTimer();
    const routed = await rounds.submit({ batch, heartbeat, isStale });
    // Revoked meanwhile: kafkajs fetches it again for whoever owns it now.
    if (routed === STALE) return;
    const { plan, lastOffset } = routed;
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

/**
 * One round: the view barrier once (it starts after every batch of the round was fetched),
 * each batch planned against its partition's condition state, and ONE transaction with every
 * plan's outputs and every partition's position. A batch whose state cannot be restored is
 * left out (kafkajs fetches it again); a failed transaction retries them all. A failing heartbeat (the
 * group is rebalancing) fails the whole round with that error, so kafkajs rejoins.
 */
async function routeRound(
  deps: RouteBatchDeps,
  items: readonly RoundItem[],
): Promise<ItemResult<RoutedBatch>[]> {
  const heartbeat = items[0]?.heartbeat ?? (async () => {});
  await waitForView(deps, heartbeat);
  const results: ItemResult<RoutedBatch>[] = [];
  const planned: Array<{ topic: string; partition: number; routed: Exclude<RoutedBatch, typeof STALE> }> = [];
  // One CONSUMER span per event ("process <events topic>", continuing the producer's trace);
  // its traceparent goes on the event's delivery tasks. Ended once the transaction decided.
  const spans: Span[] = [];
  for (const { batch, isStale } of items) {
    // A rebalance between the fetch and this round: committing this partition's offset now
    // could move another member's position (kafkajs has no KIP-447 fencing of offsets).
    if (isStale()) {
      results.push({ ok: true, value: STALE });
      continue;
    }
    let state: Awaited<ReturnType<ConditionStore['stateOf']>>;
    try {
      state = await deps.store.stateOf(batch.partition, heartbeat);
    } catch (error) {
      if (!(error instanceof StateRestoreFailed)) throw error;
      results.push({
        ok: false,
        error: new BatchNotRouted(`condition state not restored (${error.message}); retrying the batch`),
      });
      continue;
    }
    // Taken in the same turn as the (synchronous) plan, after the barrier and after any wait
    // above: the view matched against is exactly this position, which covers everything the API
    // acknowledged before the barrier started. The worker waits for its own view to reach it.
    const viewPosition = deps.view.position();
    const plan = planBatch(
      batch,
      batch.messages,
      deps.matcher,
      new Date(),
      state,
      (record) => {
        const span = startConsumerSpan(
          { topic: batch.topic, partition: batch.partition, offset: record.offset, headers: record.headers },
          { consumerGroup: deps.groupId },
        );
        spans.push(span);
        return traceHeadersOf(span);
      },
      viewPosition,
    );
    const routed = { plan, lastOffset: batch.lastOffset() };
    planned.push({ topic: batch.topic, partition: batch.partition, routed });
    results.push({ ok: true, value: routed });
  }
  if (planned.length === 0) return results;
  const plans = planned.map(({ routed }) => routed.plan);
  const outcome = await deps.writer.write(
    [
      { topic: deps.topics.deliveries, messages: plans.flatMap((plan) => plan.deliveries) },
      { topic: deps.topics.quarantine, messages: plans.flatMap((plan) => plan.quarantined) },
      // In the same transaction: the state moves on exactly when the fan-out it decided commits.
      { topic: deps.topics.routerState, messages: plans.flatMap((plan) => plan.stateMessages) },
    ],
    planned.map(({ topic, partition, routed }) => ({
      groupId: deps.groupId,
      topic,
      partition,
      nextOffset: (BigInt(routed.lastOffset) + 1n).toString(),
    })),
    heartbeat,
  );
  for (const span of spans) {
    if (outcome === 'retry')
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'transaction failed; batch retried' });
    span.end();
  }
  if (outcome === 'retry') {
    deps.metrics.batchFailures.inc(planned.length);
    const failed = new BatchNotRouted('the batch’s transaction failed; retrying the batch');
    return results.map((result) => (result.ok ? { ok: false, error: failed } : result));
  }
  for (const { partition, routed } of planned) deps.store.apply(partition, routed.plan.stateChanges);
  return results;
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
