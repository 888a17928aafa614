/** "1,234" style integers and one-decimal figures, for tables and charts. */
export function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** A latency in ms for a table cell: "—" when not measured, "> wait" when censored. */
export function formatMs(value: number | null | undefined): string {
  if (value === undefined) return '—';
  if (value === null) return '> wait';
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}
