import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ResultRow } from './results.js';
import { renderSvgChart } from './svg.js';
import { renderMarkdownTable, renderTextTable } from './table.js';

const rows: ResultRow[] = [
  { scenario: 'raw', label: 'kafkajs + undici', delivered: 20000, expected: 20000, perSecond: 15234.4 },
  {
    scenario: 'platform',
    label: 'fan-out 1',
    delivered: 19990,
    expected: 20000,
    perSecond: 1712,
    note: 'a|b',
  },
  { scenario: 'hol', label: 'healthy, slow present', p50Ms: 42, p99Ms: null, maxMs: null },
  { scenario: 'rss', label: 'peak RSS', note: 'router 120 MB' },
];

describe('renderMarkdownTable', () => {
  const table = renderMarkdownTable(rows);
  const lines = table.trimEnd().split('\n');

  it('has a header, a separator and one line per row, each with the same number of cells', () => {
    assert.equal(lines.length, 2 + rows.length);
    const cells = lines.map((line) => line.split(/(?<!\\)\|/).length);
    assert.ok(
      cells.every((count) => count === cells[0]),
      table,
    );
  });

  it('formats counts with separators, censored latencies as beyond the wait, and absent figures as a dash', () => {
    assert.match(lines[2] ?? '', /\| 20,000 \/ 20,000 \| 15,234 \|/);
    assert.match(lines[4] ?? '', /\| 42 ms \| > wait \| > wait \|/);
    assert.match(lines[5] ?? '', /\| — \| — \| — \| — \| — \| router 120 MB \|/);
  });

  it('escapes a pipe inside a note so the table keeps its columns', () => {
    assert.match(lines[3] ?? '', /a\\\|b/);
  });
});

describe('renderTextTable', () => {
  it('aligns columns: every row starts its label at the same offset', () => {
    const text = renderTextTable(rows).split('\n');
    const offsets = text.map((line, i) => line.indexOf(rows[i]?.label ?? '?'));
    assert.ok(
      offsets.every((offset) => offset === offsets[0] && offset > 0),
      text.join('\n'),
    );
  });
});

describe('renderSvgChart', () => {
  const svg = renderSvgChart(rows, 'test <run> & "quotes"');

  it('is one svg element with a bar per throughput and per latency figure', () => {
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg.trimEnd(), /<\/svg>$/);
    // 2 throughput bars + 2 latency bars (p50, p99 of the hol row) + the background rect inside the pattern and the page.
    const bars = svg.match(/<rect x="360"/g) ?? [];
    assert.equal(bars.length, 4);
  });

  it('scales throughput bars linearly to the largest value and draws a censored latency hatched', () => {
    const widths = [
      ...svg.matchAll(/<rect x="360" y="\d+" width="([\d.]+)" height="18" fill="([^"]+)"/g),
    ].map((m) => [Number(m[1]), m[2]]);
    const [raw, platform, p50, p99] = widths;
    assert.ok(raw && platform && p50 && p99);
    assert.ok((raw[0] as number) > (platform[0] as number) * 8, 'raw bar ~9x the platform bar');
    assert.equal(p99[1], 'url(#censored)');
    assert.equal(p50[1], '#3b82f6');
  });

  it('draws latencies on a log scale, so 100 ms stays visible beside 60 s', () => {
    const chart = renderSvgChart([{ scenario: 'x', label: 'y', p50Ms: 100, p99Ms: 60_000 }], 'log');
    const [fast, slow] = [...chart.matchAll(/<rect x="360" y="\d+" width="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    assert.ok(fast !== undefined && slow !== undefined);
    assert.ok(fast > slow * 0.3 && fast < slow, `${fast} vs ${slow}`);
  });

  it('escapes text for XML', () => {
    assert.match(svg, /test &lt;run&gt; &amp; &quot;quotes&quot;/);
    assert.doesNotMatch(svg, /<run>/);
  });
});
