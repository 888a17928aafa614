/**
 * CPU time each process spent per delivery over a phase, in ms, from its average share of one
 * core (%) over the phase's seconds. Unlike deliveries per second this barely moves when other
 * work shares the machine, so it is the figure to compare the platform with the raw baseline.
 */
export function cpuMsPerDelivery(
  /** process name → % of one core over the phase */
  processes: Readonly<Record<string, number>>,
  seconds: number,
  deliveries: number,
  /** The processes that do the delivering, in the order to print them. */
  names: readonly string[],
): { byProcess: Record<string, number>; totalMs: number } {
  const byProcess: Record<string, number> = {};
  let totalMs = 0;
  if (deliveries <= 0 || seconds <= 0) return { byProcess, totalMs };
  for (const name of names) {
    const pct = processes[name];
    if (pct === undefined) continue;
    const ms = ((pct / 100) * seconds * 1000) / deliveries;
    byProcess[name] = ms;
    totalMs += ms;
  }
  return { byProcess, totalMs };
}

/** "worker 0.35 + router 0.11 = 0.46 ms", with 2 decimals (ms), in the given order. */
export function formatCpuPerDelivery(figure: { byProcess: Record<string, number>; totalMs: number }): string {
  const parts = Object.entries(figure.byProcess).map(([name, ms]) => `${name} ${ms.toFixed(2)}`);
  return parts.length === 0 ? 'n/a' : `${parts.join(' + ')} = ${figure.totalMs.toFixed(2)} ms`;
}
