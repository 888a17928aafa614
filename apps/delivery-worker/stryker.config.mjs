import { strykerConfig } from '../../scripts/mutation/stryker-base.mjs';

// The worker's pure decisions: when to retry, how long to wait, what a response means; and at
// intake, whether a record is delivered, held or requeued, when a task moved aside comes back,
// and what an endpoint's circuit breaker lets through.
export default strykerConfig({
  name: 'worker-decisions',
  mutate: [
    'src/delivery/next-retry-delay.ts',
    'src/delivery/parse-retry-after.ts',
    'src/delivery/classify-outcome.ts',
    'src/intake/decide-intake.ts',
    'src/intake/deferral-planner.ts',
    'src/breaker/circuit-breaker.ts',
  ],
  testFiles: [
    'dist/delivery/next-retry-delay.test.js',
    'dist/delivery/parse-retry-after.test.js',
    'dist/delivery/classify-outcome.test.js',
    'dist/intake/decide-intake.test.js',
    'dist/intake/deferral-planner.test.js',
    'dist/breaker/circuit-breaker.test.js',
  ],
  breakAt: 90,
});
