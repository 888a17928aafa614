import type { SubscriptionView, TopicNames } from '@hookstream/kafka';
import type { EachBatchPayload } from 'kafkajs';
import type { RouterMetrics } from '../router.metrics.js';
import { planBatch } from '../routing/plan-batch.js';
import type { TransactionalWriter } from './transactional-writer.js';

export interface RouteBatchDeps {
  groupId: string;
  topics: Pick<TopicNames, 'deliveries' | 'quarantine'>;
  view: SubscriptionView;
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
    const plan = planBatch(batch, batch.messages, (tenantId) => deps.view.forTenant(tenantId), new Date());
    const lastOffset = batch.lastOffset();
    const outcome = await deps.writer.write(
      [
        { topic: deps.topics.deliveries, messages: plan.deliveries },
        { topic: deps.topics.quarantine, messages: plan.quarantined },
      ],
      {
        groupId: deps.groupId,
        topic: batch.topic,
        partition: batch.partition,
        nextOffset: (BigInt(lastOffset) + 1n).toString(),
      },
      heartbeat,
    );
    if (outcome === 'retry') {
      deps.metrics.batchFailures.inc();
      throw new BatchNotRouted('the batch’s transaction failed; retrying the batch');
    }
    resolveOffset(lastOffset);
    await heartbeat();
    deps.metrics.eventsConsumed.inc(batch.messages.length);
    deps.metrics.eventsUnmatched.inc(plan.unmatched);
    deps.metrics.deliveriesProduced.inc(plan.deliveries.length);
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
