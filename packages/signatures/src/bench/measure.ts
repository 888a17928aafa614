/**
 * A minimal ops/second meter for the benchmark script (not a test). Runs on the calling thread, so
 * figures are for one core. Each measurement warms up first, then counts calls in batches until
 * the time budget is spent, so timer reads do not dominate sub-microsecond calls.
 */

/** Measured seconds per case; override with BENCH_SECONDS for quicker or steadier runs. */
const SECONDS = Number(process.env.BENCH_SECONDS ?? '1');
const WARMUP_CALLS = 20_000;
const BATCH = 1_000;

/** Sink for results so the JIT cannot drop the work as dead code. */
let sink = 0;

export function opsPerSecond(fn: () => unknown): number {
  for (let i = 0; i < WARMUP_CALLS; i += 1) consume(fn());
  const budgetNs = BigInt(Math.round(SECONDS * 1e9));
  const start = process.hrtime.bigint();
  let calls = 0;
  let elapsed = 0n;
  while (elapsed < budgetNs) {
    for (let i = 0; i < BATCH; i += 1) consume(fn());
    calls += BATCH;
    elapsed = process.hrtime.bigint() - start;
  }
  return calls / (Number(elapsed) / 1e9);
}

function consume(value: unknown): void {
  if (typeof value === 'string') sink ^= value.length;
  else if (typeof value === 'object' && value !== null) sink ^= 1;
}

/** Prints aligned rows: label, ops/s with thousands separators, and µs per call. */
export function report(title: string, rows: readonly (readonly [string, number])[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, rate] of rows) {
    const perCall = (1e6 / rate).toFixed(2);
    console.log(
      `  ${label.padEnd(width)}  ${Math.round(rate).toLocaleString('en-US').padStart(9)} /s  ${perCall.padStart(6)} µs`,
    );
  }
  if (sink === Number.MIN_SAFE_INTEGER) console.log('');
}
