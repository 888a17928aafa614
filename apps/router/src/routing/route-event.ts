import { type EventEnvelope, parseEvent } from '@hookstream/events';
import { applyConditions, type DeliveryTask, type ViewPosition } from '@hookstream/kafka';
import { buildDeliveryTask, payloadsFor } from './build-delivery-task.js';
import type { BatchState } from './condition-state.js';
import type { MatchedSubscription } from './match-index.js';

export type RouteDecision =
  | { kind: 'quarantine'; code: string; reason: string }
  | {
      kind: 'deliver';
      eventId: string;
      tasks: DeliveryTask[];
      /** Subscriptions that matched by type and account whose conditions did not pass. */
      conditionsNotMet: number;
      /** Subscriptions whose conditions passed but that were in their cooldown. */
      cooldownSuppressed: number;
    };

/** Where matching comes from: the router's MatchIndex (tests build one from a list). */
export interface Matcher {
  match(event: EventEnvelope): readonly MatchedSubscription[];
}

/** One raw record of the events topic: its key names the entity change_pct compares within. */
export interface RawEvent {
  key: Buffer | null;
  value: Buffer | null;
}

/**
 * The router's whole decision for one raw record, as a pure function of the record, the
 * subscriptions, the state and the clock: quarantine it (with the reason), or the delivery
 * tasks it fans out to. Conditions are evaluated against `state` and the changes (previous
 * values, cooldown starts) are recorded in it, for the batch's transaction.
 *
 * Cooldown uses event time (`occurredAt`), so routing a batch again after a failed transaction
 * decides the same.
 */
export function routeEvent(
  raw: RawEvent,
  matcher: Matcher,
  now: Date,
  state: BatchState,
  /** Stamped on every task (see DeliveryTask.viewPosition); omitted in tests of matching alone. */
  viewPosition?: ViewPosition,
): RouteDecision {
  const parsed = parseEvent(raw.value);
  if (!parsed.ok) return { kind: 'quarantine', code: parsed.reason.code, reason: parsed.reason.message };
  const event = parsed.event;
  const decision = {
    kind: 'deliver' as const,
    eventId: event.id,
    tasks: [] as DeliveryTask[],
    conditionsNotMet: 0,
    cooldownSuppressed: 0,
  };
  const matched = matcher.match(event);
  if (matched.length === 0) return decision;
  const payloadIn = payloadsFor(event);
  // Events without a key share one entity per partition.
  const entity = raw.key?.toString('utf8') ?? '';
  for (const matchedSubscription of matched) {
    const { record } = matchedSubscription;
    const outcome = applyConditions(
      matchedSubscription,
      event,
      entity,
      payloadIn(record.payloadFormat),
      state,
    );
    if (outcome.kind === 'conditions-not-met') decision.conditionsNotMet += 1;
    else if (outcome.kind === 'cooldown') decision.cooldownSuppressed += 1;
    else decision.tasks.push(buildDeliveryTask(event, record.id, outcome.payload, now, viewPosition));
  }
  return decision;
}
