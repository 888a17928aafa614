import { createHash } from 'node:crypto';
import { anyTypePatternMatches, type EventEnvelope } from '@hookstream/events';
import { type SubscriptionRecord, subscriptionWants } from '@hookstream/kafka';
import type { FieldError } from '@hookstream/service-kit';

/**
 * Checks a replay window against the clock and the events topic's retention (ms). The window
 * is [since, until); `until` later than now is read as now (nothing newer exists yet).
 */
export function windowProblems(
  window: { since: string; until: string },
  now: Date,
  retentionMs: number,
): FieldError[] {
  const since = Date.parse(window.since);
  const until = Date.parse(window.until);
  const errors: FieldError[] = [];
  if (since >= until) errors.push({ field: 'until', message: 'must be later than since' });
  if (since >= now.getTime()) errors.push({ field: 'since', message: 'must be in the past' });
  if (since < now.getTime() - retentionMs) {
    const days = Math.round((retentionMs / 86_400_000) * 10) / 10;
    errors.push({
      field: 'since',
      message: `is older than the events topic's retention (${days} days, since ${new Date(now.getTime() - retentionMs).toISOString()}): those events are no longer kept`,
    });
  }
  return errors;
}

/**
 * Whether a replay to this subscription takes this event: live routing's own rule
 * (`subscriptionWants` from @hookstream/kafka: enabled, tenant, event-type patterns, account
 * scope) plus the replay's own `eventTypes` narrowing. The replay holds the subscription as it
 * was when the replay started, which was enabled. Conditions come after this (replay-filter.ts).
 */
export function replayWants(
  subscription: SubscriptionRecord,
  event: EventEnvelope,
  onlyTypes: readonly string[] | null,
): boolean {
  if (onlyTypes !== null && !anyTypePatternMatches(onlyTypes, event.type)) return false;
  return subscriptionWants(subscription, event);
}

/**
 * The webhook-id of a replayed event: new for each replay (a receiver that deduplicates on
 * webhook-id must not drop a replay it asked for), and the same if one replay sends the
 * event twice. The body still carries the event id, for receivers that deduplicate on that.
 */
export function replayMessageId(replayId: string, eventId: string, subscriptionId: string): string {
  const digest = createHash('sha256')
    .update(`${replayId}\u0000${eventId}\u0000${subscriptionId}`)
    .digest('base64url');
  return `msg_${digest.slice(0, 24)}`;
}

export interface PartitionRange {
  partition: number;
  /** First offset to read. */
  from: bigint;
  /** First offset not to read. */
  to: bigint;
}

/** Per partition, the offsets between the two timestamps' offsets; empty ranges left out. */
export function partitionRanges(
  starts: ReadonlyArray<{ partition: number; offset: string }>,
  ends: ReadonlyArray<{ partition: number; offset: string }>,
): PartitionRange[] {
  return starts.flatMap(({ partition, offset }) => {
    const end = ends.find((candidate) => candidate.partition === partition);
    if (!end) return [];
    const from = BigInt(offset);
    const to = BigInt(end.offset);
    return to > from ? [{ partition, from, to }] : [];
  });
}
