// Subscriptions name the events they want with type patterns:
// - an exact type (`card.created`);
// - everything under a prefix: `card.*` (whole segments: `card.created`, `card.transaction.created`,
//   not `cards.x`) or `card*` (any type starting with `card`, as one partner documents it);
// - everything ending in a segment: `*.created` (`card.created`, `card.transaction.created`);
// - everything (`*`).
// A wildcard is only ever the whole first or last piece, so matching stays a prefix or suffix
// test on the hot path of the router.

const TYPE_PATTERN = /^(\*|\*(\.[a-z0-9_]+)+|[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*|\*)?)$/;
const MAX_PATTERN_LENGTH = 128; // longer than any type name; bounds what subscriptions store

/** Whether `value` is a well-formed pattern. Says nothing about whether it matches any type. */
export function isTypePattern(value: string): boolean {
  return value.length <= MAX_PATTERN_LENGTH && TYPE_PATTERN.test(value);
}

/**
 * Whether `pattern` selects `type`. `card.*` matches `card.created` but not `card` or `cards.x`;
 * `card*` matches both `card.created` and `cards.x`; `*.created` matches `card.created` but not
 * `created` or `card.created_at`.
 */
export function typePatternMatches(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*')) return type.endsWith(pattern.slice(1));
  if (pattern.endsWith('*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

/** Whether any of a subscription's patterns selects `type`. */
export function anyTypePatternMatches(patterns: readonly string[], type: string): boolean {
  return patterns.some((pattern) => typePatternMatches(pattern, type));
}
