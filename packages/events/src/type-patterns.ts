// Subscriptions name the events they want with type patterns: an exact type
// (`card.created`), everything under a prefix (`card.*`, which also matches
// `card.transaction.created`), or everything (`*`). Only a whole trailing segment may be a
// wildcard, which keeps matching a prefix test on the hot path of the router.

const TYPE_PATTERN = /^(\*|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?)$/;
const MAX_PATTERN_LENGTH = 128; // longer than any type name; bounds what subscriptions store

/** Whether `value` is a well-formed pattern. Says nothing about whether it matches any type. */
export function isTypePattern(value: string): boolean {
  return value.length <= MAX_PATTERN_LENGTH && TYPE_PATTERN.test(value);
}

/** Whether `pattern` selects `type`. `card.*` matches `card.created` but not `card` or `cards.x`. */
export function typePatternMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

/** Whether any of a subscription's patterns selects `type`. */
export function anyTypePatternMatches(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => typePatternMatches(pattern, type));
}
