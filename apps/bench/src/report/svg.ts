import { formatCount, formatMs } from './format.js';
import type { ResultRow } from './results.js';

interface Bar {
  label: string;
  value: number | null;
  text: string;
}

const WIDTH = 880;
const LABEL_WIDTH = 360;
const BAR_HEIGHT = 18;
const GAP = 8;

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * One panel of horizontal bars scaled to its largest value, linearly or on a log scale (latencies
 * span 10 ms to minutes); a null value is drawn full width and hatched as "beyond the wait".
 */
function panel(
  title: string,
  bars: readonly Bar[],
  top: number,
  scale: 'linear' | 'log',
): { svg: string; height: number } {
  const transform = scale === 'log' ? (value: number) => Math.log10(1 + value) : (value: number) => value;
  const max = Math.max(transform(1), ...bars.map((bar) => transform(bar.value ?? 0)));
  const span = WIDTH - LABEL_WIDTH - 110;
  const parts = [`<text x="10" y="${top + 16}" font-weight="bold">${escapeXml(title)}</text>`];
  bars.forEach((bar, index) => {
    const y = top + 28 + index * (BAR_HEIGHT + GAP);
    const width = bar.value === null ? span : Math.max(1, (transform(bar.value) / max) * span);
    const fill = bar.value === null ? 'url(#censored)' : '#3b82f6';
    parts.push(
      `<text x="${LABEL_WIDTH - 8}" y="${y + 13}" text-anchor="end">${escapeXml(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${fill}"/>`,
      `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + 13}">${escapeXml(bar.text)}</text>`,
    );
  });
  return { svg: parts.join('\n'), height: 36 + bars.length * (BAR_HEIGHT + GAP) };
}

/**
 * A self-contained SVG (no fonts, scripts or external references) with two panels:
 * deliveries per second of every row that has one, and p50/p99 of every row with latencies.
 */
export function renderSvgChart(rows: readonly ResultRow[], subtitle: string): string {
  const throughput: Bar[] = rows
    .filter((row) => row.perSecond !== undefined)
    .map((row) => ({
      label: `${row.scenario}: ${row.label}`,
      value: row.perSecond ?? 0,
      text: `${formatCount(row.perSecond ?? 0)}/s`,
    }));
  const latency: Bar[] = rows.flatMap((row) =>
    (['p50Ms', 'p99Ms'] as const)
      .filter((key) => row[key] !== undefined)
      .map((key) => ({
        label: `${row.scenario}: ${row.label} ${key.slice(0, 3)}`,
        value: row[key] ?? null,
        text: formatMs(row[key]),
      })),
  );
  const first = panel('Deliveries per second (higher is better)', throughput, 40, 'linear');
  const second = panel(
    'Produce-to-receive latency (log scale; lower is better; hatched = beyond the wait)',
    latency,
    40 + first.height + 10,
    'log',
  );
  const height = 40 + first.height + 10 + second.height + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12" role="img">`,
    `<title>hookstream bench: deliveries per second and latency, ${escapeXml(subtitle)}</title>`,
    '<defs><pattern id="censored" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#fecaca"/><line x1="0" y1="0" x2="0" y2="8" stroke="#dc2626" stroke-width="3"/></pattern></defs>',
    `<rect width="${WIDTH}" height="${height}" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">hookstream bench</text>`,
    `<text x="160" y="20" fill="#555">${escapeXml(subtitle)}</text>`,
    first.svg,
    second.svg,
    '</svg>',
    '',
  ].join('\n');
}
