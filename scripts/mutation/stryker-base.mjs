// Shared StrykerJS settings for every package's `stryker.config.mjs` (see the root README,
// "Mutation testing"). Stryker copies the package into a sandbox, mutates the TypeScript sources
// there, compiles them once with every mutant switched off by default (mutation switching), then
// runs the package's compiled node:test files through the tap runner with one mutant switched on
// at a time. Only the unit tests run: no broker, no database.

/**
 * @param {object} module
 * @param {string} module.name report name: reports/mutation/<name>.json at the repository root
 * @param {string[]} module.mutate source globs to mutate, relative to the package
 * @param {string[]} module.testFiles compiled unit-test globs, relative to the package
 * @param {number} module.breakAt mutation score (%) below which `pnpm mutate` fails
 */
export function strykerConfig({ name, mutate, testFiles, breakAt }) {
  return {
    testRunner: 'tap',
    plugins: ['@stryker-mutator/tap-runner'],
    tap: {
      testFiles,
      // Node 24 prints the spec reporter even to a pipe; the tap runner reads TAP.
      nodeArgs: ['--enable-source-maps', '--test-reporter=tap'],
      forceBail: true,
    },
    mutate,
    // The sandbox recompiles every source (not incrementally) over the copied dist. dist stays in
    // the file list so that incremental mode can tell which compiled test files changed.
    buildCommand: 'tsc -p tsconfig.json --incremental false',
    ignorePatterns: ['reports', '.turbo'],
    // Coverage per test file: a mutant runs only the files that reach it.
    coverageAnalysis: 'perTest',
    // The machine has 2 cores shared with the broker and other work: one test process at a time.
    concurrency: 1,
    // A mutant that loops forever is stopped after 1.5 × the tests' normal time + 5 s (Stryker's
    // timeoutFactor and timeoutMS) and counts as detected. On a loaded machine a slow run can
    // time out too; see the README.
    timeoutMS: 5000,
    incremental: true,
    incrementalFile: `../../reports/mutation/incremental/${name}.json`,
    reporters: ['json', 'html', 'clear-text', 'progress-append-only'],
    jsonReporter: { fileName: `../../reports/mutation/${name}.json` },
    htmlReporter: { fileName: `../../reports/mutation/${name}.html` },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
    thresholds: { high: 95, low: 90, break: breakAt },
    cleanTempDir: 'always',
  };
}
