// Reads reports/mutation/<module>.json (Stryker's mutation-testing-report-schema) and writes
// reports/mutation/summary.md: each module's score, its break threshold, and per-file scores.
// Score as Stryker defines it: (killed + timed out) / (killed + timed out + survived + no coverage);
// mutants that do not compile or crash the test process are not counted either way.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MODULES } from './modules.mjs';

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/** @param {{ status: string }[]} mutants */
export function countMutants(mutants) {
  const counts = {
    total: mutants.length,
    detected: 0,
    undetected: 0,
    survived: 0,
    noCoverage: 0,
    invalid: 0,
  };
  for (const { status } of mutants) {
    if (DETECTED.has(status)) counts.detected += 1;
    else if (UNDETECTED.has(status)) {
      counts.undetected += 1;
      if (status === 'Survived') counts.survived += 1;
      else counts.noCoverage += 1;
    } else if (status !== 'Ignored') counts.invalid += 1;
  }
  const valid = counts.detected + counts.undetected;
  return { ...counts, score: valid === 0 ? null : (100 * counts.detected) / valid };
}

const percent = (score) => (score === null ? 'n/a' : `${score.toFixed(2)} %`);

/**
 * @param {string} root repository root
 * @param {Record<string, { exitCode: number, seconds: number }>} runs this invocation's runs
 * @returns {string} the summary's path
 */
export async function writeSummary(root, runs = {}) {
  const lines = [
    '# Mutation testing summary',
    '',
    `Written ${new Date().toISOString()} by \`pnpm mutate\` from reports/mutation/<module>.json.`,
    '',
    '| module | mutants | killed + timeout | survived | no coverage | invalid | score | break | run |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  const details = [];
  for (const module of MODULES) {
    const reportPath = join(root, 'reports/mutation', `${module.name}.json`);
    const configUrl = pathToFileURL(join(root, module.dir, 'stryker.config.mjs')).href;
    const breakAt = (await import(configUrl)).default.thresholds.break;
    const run = runs[module.name];
    const runText = run === undefined ? 'not run now' : `exit ${run.exitCode}, ${run.seconds} s`;
    if (!existsSync(reportPath)) {
      lines.push(`| ${module.name} | no report yet | | | | | | ${breakAt} % | ${runText} |`);
      continue;
    }
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    const files = Object.entries(report.files).map(([file, { mutants }]) => [file, countMutants(mutants)]);
    const all = countMutants(Object.values(report.files).flatMap((file) => file.mutants));
    lines.push(
      `| ${module.name} | ${all.total} | ${all.detected} | ${all.survived} | ${all.noCoverage} | ${all.invalid} | ${percent(all.score)} | ${breakAt} % | ${runText} |`,
    );
    details.push(
      '',
      `## ${module.name} (${module.dir})`,
      '',
      '| file | mutants | survived + no coverage | score |',
    );
    details.push('|---|---|---|---|');
    for (const [file, counts] of files.sort(([a], [b]) => a.localeCompare(b))) {
      details.push(`| ${file} | ${counts.total} | ${counts.undetected} | ${percent(counts.score)} |`);
    }
  }
  const summaryPath = join(root, 'reports/mutation/summary.md');
  writeFileSync(summaryPath, `${[...lines, ...details].join('\n')}\n`);
  return summaryPath;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await writeSummary(resolve(import.meta.dirname, '../..')));
}
