import { benchEvent, phaseOfEventId } from './bench-events.js';
import type { BenchContext } from './context.js';

export interface BenchTenant {
  tenantId: string;
  /** Receiver labels, one subscription each, in the order given. */
  labels: string[];
  /** The subscriptions' ids, in the same order as `labels`. */
  subscriptionIds: string[];
}

/**
 * A tenant of its own for one scenario (so no other scenario's subscriptions match its events),
 * with one subscription per endpoint created over the REST API, each endpoint on its own port.
 * A warm-up event is then delivered to every endpoint, so the first measured event does not pay
 * for the worker learning the subscription or opening connections.
 */
export async function setUpTenant(
  ctx: BenchContext,
  name: string,
  endpoints: Array<{ label: string; delayMs?: number; timeoutMs?: number }>,
): Promise<BenchTenant> {
  const { tenantId, apiKey } = await ctx.platform.createTenant(`bench-${name}`);
  const subscriptionIds: string[] = [];
  for (const endpoint of endpoints) {
    const url = await ctx.receiver.open(endpoint.label, endpoint.delayMs ?? 0);
    const subscription = await ctx.platform.subscribe(
      apiKey,
      url,
      `bench ${name} ${endpoint.label}`,
      endpoint.timeoutMs,
    );
    await ctx.receiver.setSecret(endpoint.label, subscription.secret);
    subscriptionIds.push(subscription.id);
    if (endpoint.timeoutMs !== undefined)
      ctx.details[`timeoutApplied.${endpoint.label}`] = subscription.timeoutApplied;
  }
  const labels = endpoints.map((endpoint) => endpoint.label);
  const fast = endpoints.filter((endpoint) => !endpoint.delayMs).map((endpoint) => endpoint.label);
  const phase = `w${name}`;
  await ctx.producer.send({
    topic: ctx.platform.topics.events,
    messages: [benchEvent(phase, ctx.run, 0, tenantId, new Date())],
    acks: -1,
  });
  const reached = await waitForDeliveries(ctx, fast, phase, 1, 60_000);
  if (!reached)
    throw new Error(`warm-up event for ${name} was not delivered within 60 s; see the services' logs`);
  return { tenantId, labels, subscriptionIds };
}

/**
 * Waits until every label has `expectedEach` distinct webhook-ids of `phase`, or the deadline.
 * Resolves true when all arrived. Polls every 200 ms: the receiver's answer is cheap.
 */
export async function waitForDeliveries(
  ctx: BenchContext,
  labels: string[],
  phase: string,
  expectedEach: number,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const counts = await ctx.receiver.counts(labels, phase);
    if (labels.every((label) => (counts[label] ?? 0) >= expectedEach)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Receipts of one label for events of one phase only (warm-up and other phases left out). */
export async function receiptsOf(ctx: BenchContext, label: string, phase: string) {
  return (await ctx.receiver.receipts(label)).filter((receipt) => phaseOfEventId(receipt.eventId) === phase);
}
