/** What a dotted path found in event data: nothing, or a value (which may be null). */
export type PathLookup = { found: false } | { found: true; value: unknown };

const NOT_FOUND: PathLookup = { found: false };

/**
 * Follows `segments` (a condition's field split on dots) through plain objects. Only own keys
 * count, so `constructor` or `__proto__` never reach the prototype; arrays are indexed by a
 * numeric segment (`items.0.amount`).
 */
export function readPath(data: unknown, segments: readonly string[]): PathLookup {
  let current: unknown = data;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return NOT_FOUND;
    if (!Object.hasOwn(current, segment)) return NOT_FOUND;
    current = (current as Record<string, unknown>)[segment];
  }
  return { found: true, value: current };
}
