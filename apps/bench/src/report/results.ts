/** One line of the side-by-side table; every scenario contributes one or more. */
export interface ResultRow {
  /** Scenario id, e.g. "raw", "platform", "hol". */
  scenario: string;
  /** What this line measures, e.g. "fan-out 10" or "healthy p99, slow endpoint present". */
  label: string;
  /** Deliveries counted (unique webhook-ids) out of `expected`. */
  delivered?: number;
  expected?: number;
  /** Deliveries per second, first produce to last receipt. */
  perSecond?: number;
  /** Produce-to-receive latency in ms; null = beyond the bounded wait (censored). */
  p50Ms?: number | null;
  p99Ms?: number | null;
  maxMs?: number | null;
  /** A short free-text figure: ratios, loss, duplicates, gaps, µs per event, MB. */
  note?: string;
}

/** Everything one run writes to results.json. */
export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  /** The command line options after defaults. */
  options: Record<string, unknown>;
  machine: { cpus: number; loadAverageAtStart: number[]; node: string; gitCommit: string | null };
  rows: ResultRow[];
  /** Per-scenario detail (accounts, CPU use of every process, peaks, profile summaries). */
  details: Record<string, unknown>;
  /** Things that went wrong but did not stop the run (a scenario that failed, a cleanup). */
  errors: string[];
}
