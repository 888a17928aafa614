import { type DecodeResult, type DeliveryTask, RETRY_TIERS, TIER_HOLD_ALLOWANCE } from '@hookstream/kafka';

/** The longest wait a task may be given: the longest retry tier's delay (6 h), in ms. */
export const LONGEST_WAIT_MS = Math.max(...RETRY_TIERS.map((tier) => tier.delayMs));
/**
 * The longest any record may hold the head of a partition, in ms, the 6 h tier included
 * (whose own hold limit is unbounded): 6 h + 25 % jitter allowance.
 */
export const HOLD_CAP_MS = LONGEST_WAIT_MS * TIER_HOLD_ALLOWANCE;

/** What to do with one record taken from the deliveries topic or a retry tier. */
export type IntakeDecision =
  /** Not a delivery task: dead-letter the bytes as they are. */
  | { kind: 'invalid'; reason: string }
  /** Due soon, within what its tier may hold: pause the partition at this record for waitMs. */
  | { kind: 'hold'; waitMs: number }
  /**
   * Due later than its tier may hold: write `task` to the retry tier for `delayMs` and move on.
   * A wait beyond the longest tier is cut to it, so a record never loops in the last tier.
   */
  | { kind: 'requeue'; task: DeliveryTask; delayMs: number }
  /** Due now. */
  | { kind: 'deliver'; task: DeliveryTask };

export interface IntakeInput {
  decoded: DecodeResult<DeliveryTask>;
  /** How long a record may hold the head of the topic it came from, in ms (0 for deliveries). */
  holdLimitMs: number;
  nowMs: number;
}

/** The pure intake step: one record in, one decision out. */
export function decideIntake({ decoded, holdLimitMs, nowMs }: IntakeInput): IntakeDecision {
  if (!decoded.ok) return { kind: 'invalid', reason: decoded.reason };
  const task = decoded.value;
  const waitMs = task.notBefore === null ? 0 : Date.parse(task.notBefore) - nowMs;
  if (waitMs <= 0) return { kind: 'deliver', task };
  if (waitMs <= Math.min(holdLimitMs, HOLD_CAP_MS)) return { kind: 'hold', waitMs };
  if (waitMs <= LONGEST_WAIT_MS) return { kind: 'requeue', task, delayMs: waitMs };
  // Due beyond anything the platform schedules (clock skew, a foreign writer): due in 6 h instead.
  const notBefore = new Date(nowMs + LONGEST_WAIT_MS).toISOString();
  return { kind: 'requeue', task: { ...task, notBefore }, delayMs: LONGEST_WAIT_MS };
}
