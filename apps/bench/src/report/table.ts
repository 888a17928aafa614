import { formatCount, formatMs } from './format.js';
import type { ResultRow } from './results.js';

const HEADER = ['scenario', 'what', 'delivered', 'per second', 'p50', 'p99', 'max', 'notes'];

/** The results as a GitHub markdown table, one line per row, the same order as measured. */
export function renderMarkdownTable(rows: readonly ResultRow[]): string {
  const lines = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const delivered =
      row.delivered === undefined
        ? '—'
        : `${formatCount(row.delivered)}${row.expected === undefined ? '' : ` / ${formatCount(row.expected)}`}`;
    const cells = [
      row.scenario,
      row.label,
      delivered,
      row.perSecond === undefined ? '—' : formatCount(row.perSecond),
      formatMs(row.p50Ms),
      formatMs(row.p99Ms),
      formatMs(row.maxMs),
      row.note ?? '',
    ];
    lines.push(`| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** The same rows as fixed-width text for the terminal. */
export function renderTextTable(rows: readonly ResultRow[]): string {
  const body = rows.map((row) => [
    row.scenario,
    row.label,
    row.delivered === undefined
      ? ''
      : `${formatCount(row.delivered)}${row.expected === undefined ? '' : `/${formatCount(row.expected)}`}`,
    row.perSecond === undefined ? '' : `${formatCount(row.perSecond)}/s`,
    row.p50Ms === undefined ? '' : `p50 ${formatMs(row.p50Ms)}`,
    row.p99Ms === undefined ? '' : `p99 ${formatMs(row.p99Ms)}`,
    row.maxMs === undefined ? '' : `max ${formatMs(row.maxMs)}`,
    row.note ?? '',
  ]);
  const widths = body.reduce<number[]>(
    (acc, cells) => cells.map((cell, i) => Math.max(acc[i] ?? 0, cell.length)),
    [],
  );
  return body
    .map((cells) =>
      cells
        .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
