import type { EventEnvelope } from '@hookstream/events';
import type { SubscriptionRecord } from '../messages/subscription-record.js';
import { type CompiledConditions, compileConditions, type PreviousValues } from './compile-conditions.js';
import { withConditionResults } from './condition-results-body.js';

/**
 * What conditions remember between events: the router's batch state over its changelog, or a
 * replay's in-memory state over its window. Both decide through `applyConditions`.
 */
export interface ConditionMemory {
  /** The last change_pct values of one subscription for one entity (the event's Kafka key). */
  previous(subscriptionId: string, entity: string): PreviousValues | undefined;
  remember(subscriptionId: string, entity: string, values: Record<string, string>, eventId: string): void;
  /** When the subscription last got a delivery (event time, epoch ms), for its cooldown. */
  lastDeliveredAt(subscriptionId: string): number | undefined;
  delivered(subscriptionId: string, at: string): void;
}

/** A subscription as conditions need it: compiled once per version. */
export interface ConditionedSubscription {
  readonly subscriptionId: string;
  /** Null when the subscription has no conditions. */
  readonly conditions: CompiledConditions | null;
  /** 0 = no cooldown. */
  readonly cooldownMs: number;
}

/** Compiles a subscription version's conditions and cooldown, once (router index and replay alike). */
export function conditionedSubscription(record: SubscriptionRecord): ConditionedSubscription {
  const conditions = record.conditions ?? [];
  return {
    subscriptionId: record.id,
    conditions: conditions.length === 0 ? null : compileConditions(conditions),
    cooldownMs: (record.cooldownMinutes ?? 0) * 60_000,
  };
}

export type ConditionOutcome =
  | { kind: 'deliver'; payload: string }
  | { kind: 'conditions-not-met' }
  | { kind: 'cooldown' };

/**
 * For one event that a subscription wants by tenant, type and account: evaluate its conditions
 * against `memory`, then its cooldown on event time (`occurredAt`), recording the changes in
 * `memory`. Every event of the entity moves its change_pct values on, passed or not; a
 * delivery starts the cooldown. `payload` is the webhook body; a delivered body of a
 * subscription with conditions gets `conditionResults` as its last field.
 */
export function applyConditions(
  subscription: ConditionedSubscription,
  event: EventEnvelope,
  entity: string,
  payload: string,
  memory: ConditionMemory,
): ConditionOutcome {
  const { subscriptionId, conditions, cooldownMs } = subscription;
  let body = payload;
  if (conditions !== null) {
    const previous = conditions.usesPrevious ? memory.previous(subscriptionId, entity) : undefined;
    const evaluation = conditions.evaluate(event.data, previous);
    if (conditions.usesPrevious && Object.keys(evaluation.current).length > 0)
      memory.remember(subscriptionId, entity, { ...previous, ...evaluation.current }, event.id);
    if (!evaluation.passed) return { kind: 'conditions-not-met' };
    body = withConditionResults(payload, evaluation.results);
  }
  if (cooldownMs > 0) {
    const last = memory.lastDeliveredAt(subscriptionId);
    if (last !== undefined && Date.parse(event.occurredAt) < last + cooldownMs) return { kind: 'cooldown' };
    memory.delivered(subscriptionId, event.occurredAt);
  }
  return { kind: 'deliver', payload: body };
}
