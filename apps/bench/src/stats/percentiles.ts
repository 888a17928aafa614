/**
 * Latency summary of one scenario, honest about what did not arrive: deliveries still missing
 * when the bounded wait ended count as slower than anything seen ("censored"), so a p99 that
 * falls among them is reported as unknown-but-beyond-the-wait rather than as a flattering
 * figure computed only over what arrived.
 */
export interface LatencySummary {
  /** Deliveries expected (one per event and subscription). */
  expected: number;
  /** Latencies measured (first receipt of each delivery). */
  measured: number;
  /** Expected deliveries not received within the wait: slower than `waitedMs`. */
  missing: number;
  /** Milliseconds; null when the rank falls among the missing ones (slower than the wait). */
  p50Ms: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

/** Nearest-rank percentile of an ascending array; `p` in (0, 100]. Undefined when empty. */
export function nearestRank(sortedAscending: readonly number[], p: number): number | undefined {
  if (sortedAscending.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sortedAscending.length);
  return sortedAscending[Math.min(sortedAscending.length, Math.max(1, rank)) - 1];
}

/**
 * Percentiles over `expected` deliveries of which `latenciesMs` arrived. With nothing missing
 * this is the plain nearest-rank percentile; otherwise ranks beyond the measured ones are null.
 */
export function summarizeLatency(latenciesMs: readonly number[], expected: number): LatencySummary {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const total = Math.max(expected, sorted.length);
  const missing = total - sorted.length;
  const at = (p: number): number | null => {
    if (total === 0) return null;
    const rank = Math.min(total, Math.max(1, Math.ceil((p / 100) * total)));
    return rank <= sorted.length ? (sorted[rank - 1] ?? null) : null;
  };
  return {
    expected,
    measured: sorted.length,
    missing,
    p50Ms: at(50),
    p90Ms: at(90),
    p99Ms: at(99),
    maxMs: missing > 0 || sorted.length === 0 ? null : (sorted[sorted.length - 1] ?? null),
  };
}
