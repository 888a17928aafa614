import type Big from 'big.js';
import type { Condition, ConditionOperator } from '../messages/condition.js';
import { sameValue, toDecimal } from './decimal.js';
import { readPath } from './read-path.js';

/** How one condition fared on one event; the delivery body carries these as `conditionResults`. */
export interface ConditionResult {
  field: string;
  operator: ConditionOperator;
  /** The condition's value. */
  threshold: unknown;
  /** The value at `field` in the event's data; null when the field is missing. */
  actualValue: unknown;
  passed: boolean;
  /** change_pct only: the entity's value before this event (null for its first event). */
  previousValue?: string | null;
  /** change_pct only: this event's value as a decimal (null when it is not a decimal). */
  currentValue?: string | null;
  /** change_pct only: (current − previous) / |previous| × 100, rounded to 6 places; null when undefined. */
  changePct?: string | null;
}

/** The last value of each change_pct field of one entity, as decimal strings. */
export type PreviousValues = Readonly<Record<string, string>>;

export interface Evaluation {
  /** Every condition passed. */
  passed: boolean;
  results: ConditionResult[];
  /** The change_pct fields' values in this event, to remember as the entity's previous values. */
  current: Record<string, string>;
}

/** A subscription's conditions, compiled once per subscription version. */
export interface CompiledConditions {
  /** Whether evaluation needs the entity's previous values (some condition is change_pct). */
  readonly usesPrevious: boolean;
  evaluate(data: unknown, previous: PreviousValues | undefined): Evaluation;
}

type Check = (
  data: unknown,
  previous: PreviousValues | undefined,
  current: Record<string, string>,
) => ConditionResult;

/**
 * Turns conditions (already valid by the `Condition` contract) into one predicate. Each
 * condition becomes a closure with its path split and its threshold parsed as a decimal once,
 * so evaluating an event does no parsing of the subscription. Every condition is evaluated
 * (no short cut) because the delivery reports each result.
 *
 * Missing fields and values of the wrong type fail every operator except `exists: false`;
 * `exists: true` needs the field present and not null.
 */
export function compileConditions(conditions: readonly Condition[]): CompiledConditions {
  const checks = conditions.map(compileOne);
  return {
    usesPrevious: conditions.some((condition) => condition.operator === 'change_pct'),
    evaluate(data, previous) {
      const current: Record<string, string> = {};
      const results = checks.map((check) => check(data, previous, current));
      return { passed: results.every((result) => result.passed), results, current };
    },
  };
}

const ORDER: Record<'lt' | 'lte' | 'gt' | 'gte', (comparison: number) => boolean> = {
  lt: (comparison) => comparison < 0,
  lte: (comparison) => comparison <= 0,
  gt: (comparison) => comparison > 0,
  gte: (comparison) => comparison >= 0,
};

function compileOne(condition: Condition): Check {
  const { field, operator, value: threshold } = condition;
  const segments = field.split('.');
  const result = (actualValue: unknown, passed: boolean): ConditionResult => ({
    field,
    operator,
    threshold,
    actualValue,
    passed,
  });
  switch (condition.operator) {
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const bound = toDecimal(condition.value);
      const holds = ORDER[condition.operator];
      return (data) => {
        const found = readPath(data, segments);
        if (!found.found) return result(null, false);
        const actual = toDecimal(found.value);
        return result(found.value, actual !== null && bound !== null && holds(actual.cmp(bound)));
      };
    }
    case 'eq':
    case 'neq': {
      const wantEqual = condition.operator === 'eq';
      return (data) => {
        const found = readPath(data, segments);
        if (!found.found) return result(null, false);
        return result(found.value, sameValue(found.value, condition.value) === wantEqual);
      };
    }
    case 'in': {
      const options = condition.value;
      return (data) => {
        const found = readPath(data, segments);
        if (!found.found) return result(null, false);
        return result(
          found.value,
          options.some((option) => sameValue(found.value, option)),
        );
      };
    }
    case 'exists': {
      const wantPresent = condition.value;
      return (data) => {
        const found = readPath(data, segments);
        const present = found.found && found.value !== null;
        return result(found.found ? found.value : null, present === wantPresent);
      };
    }
    case 'change_pct':
      return compileChange(field, segments, condition.value, result);
  }
}

/**
 * change_pct passes when (current − previous) / |previous| × 100 is at least `percent` in the
 * direction of its sign. Decided without division, exactly: (c − p) × 100 ≥ percent × |p|
 * (or ≤ for a negative percent). No previous value, a previous value of 0 (no percentage
 * exists) or a current value that is not a decimal: it does not pass.
 */
function compileChange(
  field: string,
  segments: readonly string[],
  percent: number,
  result: (actualValue: unknown, passed: boolean) => ConditionResult,
): Check {
  const bound = toDecimal(percent) as Big;
  return (data, previousValues, current) => {
    const found = readPath(data, segments);
    const actual = found.found ? toDecimal(found.value) : null;
    const previousText = previousValues?.[field];
    const previous = previousText === undefined ? null : toDecimal(previousText);
    if (actual !== null) current[field] = actual.toFixed();
    let passed = false;
    let changePct: string | null = null;
    if (actual !== null && previous !== null && !previous.eq(0)) {
      const scaledChange = actual.minus(previous).times(100);
      const scaledBound = bound.times(previous.abs());
      passed = percent > 0 ? scaledChange.gte(scaledBound) : scaledChange.lte(scaledBound);
      changePct = scaledChange.div(previous.abs()).round(6).toFixed();
    }
    return {
      ...result(found.found ? found.value : null, passed),
      previousValue: previous === null ? null : (previousText ?? null),
      currentValue: actual === null ? null : actual.toFixed(),
      changePct,
    };
  };
}
