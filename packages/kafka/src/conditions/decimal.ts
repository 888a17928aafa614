import Big from 'big.js';
import { DECIMAL_STRING } from '../messages/condition.js';

/**
 * A value of event data or of a condition as an exact decimal, or null when it is not one.
 * Numbers go through their shortest decimal form (`String(6.25)` is "6.25"), which is what
 * the JSON text said; strings must be plain decimals ("6.1250", "-3"), never exponents or
 * blanks, so "6.125" and "6.1250" are equal and 0.1 + 0.2 is 0.3.
 */
export function toDecimal(value: unknown): Big | null {
  if (typeof value === 'number') return Number.isFinite(value) ? new Big(value) : null;
  if (typeof value === 'string' && DECIMAL_STRING.test(value)) return new Big(value);
  return null;
}

/** Equality the way conditions mean it: decimals by value, anything else strictly. */
export function sameValue(actual: unknown, expected: unknown): boolean {
  const left = toDecimal(actual);
  const right = left === null ? null : toDecimal(expected);
  if (left !== null && right !== null) return left.eq(right);
  return actual === expected;
}
