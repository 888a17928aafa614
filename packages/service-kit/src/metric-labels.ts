/** The label value that stands for every value beyond a cap. */
export const OTHER_LABEL = 'other';

/**
 * Caps the distinct values of one metric label (e.g. tenant) so a metric's series stay bounded
 * however many tenants there are: the first `limit` distinct values are kept as they are, every
 * later one is reported as "other". First come, first kept: a kept value never moves to "other",
 * so a counter's series never jumps between labels.
 */
export class CappedLabelValues {
  private readonly kept = new Set<string>();

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 0)
      throw new RangeError(`limit must be an integer ≥ 0, got ${limit}`);
  }

  valueFor(raw: string): string {
    if (this.kept.has(raw)) return raw;
    if (this.kept.size >= this.limit || raw === OTHER_LABEL) return OTHER_LABEL;
    this.kept.add(raw);
    return raw;
  }
}

/**
 * The `n` largest counts by name, and the sum of the rest as "other" (absent when nothing is
 * left over): for a gauge such as subscriptions per tenant, recomputed on every scrape. Ties are
 * broken by name so the result is stable.
 */
export function topWithOther(
  counts: ReadonlyMap<string, number>,
  n: number,
): Array<[label: string, value: number]> {
  const sorted = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  const top = sorted.slice(0, n);
  const rest = sorted.slice(n);
  if (rest.length > 0) top.push([OTHER_LABEL, rest.reduce((sum, [, value]) => sum + value, 0)]);
  return top;
}
