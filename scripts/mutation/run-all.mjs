// `pnpm mutate [module…] [-- stryker options]`: mutation-tests the pure modules one after another
// (never in parallel: each run keeps one core busy for minutes), then writes
// reports/mutation/summary.md from the JSON reports. Exits non-zero when any module's score is
// below its `break` threshold (set in that package's stryker.config.mjs) or its run failed.
//
//   pnpm mutate                      every module, incremental (only what changed is re-tested)
//   pnpm mutate signatures events    just these
//   pnpm mutate -- --force           every mutant again, ignoring the incremental results
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from './modules.mjs';
import { writeSummary } from './summary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const separator = args.indexOf('--');
const names = separator === -1 ? args : args.slice(0, separator);
const strykerArgs = separator === -1 ? [] : args.slice(separator + 1);

const unknown = names.filter((name) => !MODULES.some((module) => module.name === name));
if (unknown.length > 0) {
  console.error(`unknown module(s): ${unknown.join(', ')}; known: ${MODULES.map((m) => m.name).join(', ')}`);
  process.exit(2);
}
const selected = names.length === 0 ? MODULES : MODULES.filter((module) => names.includes(module.name));

const run = (command, commandArgs) =>
  spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell: false }).status ?? 1;

// Tests of one package import the others' compiled output, so build everything first (cached).
if (run('pnpm', ['turbo', 'run', 'build', '--output-logs=errors-only']) !== 0) process.exit(1);

/** @type {Record<string, { exitCode: number, seconds: number }>} */
const runs = {};
for (const module of selected) {
  console.log(`\n==> mutation testing ${module.name} (${module.package})`);
  const started = Date.now();
  // The package script runs Stryker under `nice -n 15`.
  const exitCode = run('pnpm', ['--filter', module.package, 'run', 'mutate', ...strykerArgs]);
  runs[module.name] = { exitCode, seconds: Math.round((Date.now() - started) / 1000) };
  console.log(`==> ${module.name}: exit code ${exitCode} after ${runs[module.name].seconds} s`);
}

const summaryPath = await writeSummary(root, runs);
console.log(`\nsummary: ${summaryPath}`);
const failed = Object.entries(runs).filter(([, result]) => result.exitCode !== 0);
if (failed.length > 0) {
  console.error(`below the break threshold or failed: ${failed.map(([name]) => name).join(', ')}`);
  process.exit(1);
}
