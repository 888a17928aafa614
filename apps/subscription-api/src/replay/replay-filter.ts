import { type EventEnvelope, webhookBody } from '@hookstream/events';
import {
  applyConditions,
  type ConditionedSubscription,
  type ConditionMemory,
  conditionedSubscription,
  type PreviousValues,
  type SubscriptionRecord,
} from '@hookstream/kafka';
import { replayWants } from './plan-replay.js';

/**
 * What conditions remember during one replay, for one events partition: only what the replay
 * itself saw, in memory. A replay never reads or writes the router's `router.state` topic, so
 * live `change_pct` values and cooldowns are untouched by it and do not leak into it.
 */
class WindowMemory implements ConditionMemory {
  private readonly previousValues = new Map<string, PreviousValues>();
  private lastDelivery: number | undefined;

  previous(_subscriptionId: string, entity: string): PreviousValues | undefined {
    return this.previousValues.get(entity);
  }

  remember(_subscriptionId: string, entity: string, values: Record<string, string>): void {
    this.previousValues.set(entity, values);
  }

  lastDeliveredAt(): number | undefined {
    return this.lastDelivery;
  }

  delivered(_subscriptionId: string, at: string): void {
    this.lastDelivery = Date.parse(at);
  }
}

/**
 * Decides, event by event in offset order, which events of a replay's window are delivered
 * and with what body — with the router's code: `replayWants` (the router's matching rule plus
 * the replay's narrowing), then `applyConditions` on the subscription's conditions and
 * cooldown, compiled once by `conditionedSubscription`. The body carries `conditionResults`
 * exactly as a live delivery does.
 *
 * Stateful rules during a replay, decided within the replayed window only:
 * - `change_pct` compares with the previous event of the same entity (Kafka key) that the
 *   replay selected in the window; the first one in the window has no previous value and does
 *   not pass.
 * - `cooldownMinutes` starts empty at the window's start and runs on event time (`occurredAt`).
 * - Both are kept per events partition, as the router keeps them.
 * Events outside the window or excluded by the replay's `eventTypes` are not seen at all.
 */
export class ReplayFilter {
  private readonly compiled: ConditionedSubscription;
  private readonly memories = new Map<number, WindowMemory>();

  constructor(
    private readonly subscription: SubscriptionRecord,
    private readonly onlyTypes: readonly string[] | null,
  ) {
    this.compiled = conditionedSubscription(subscription);
  }

  /** The webhook body to deliver for `event`, or null when the replay does not deliver it. */
  bodyFor(event: EventEnvelope, key: Buffer | null, partition: number): string | null {
    if (!replayWants(this.subscription, event, this.onlyTypes)) return null;
    let memory = this.memories.get(partition);
    if (memory === undefined) {
      memory = new WindowMemory();
      this.memories.set(partition, memory);
    }
    // Events without a key share one entity per partition, as in the router.
    const entity = key?.toString('utf8') ?? '';
    const body = webhookBody(event, this.subscription.payloadFormat);
    const outcome = applyConditions(this.compiled, event, entity, body, memory);
    return outcome.kind === 'deliver' ? outcome.payload : null;
  }
}
